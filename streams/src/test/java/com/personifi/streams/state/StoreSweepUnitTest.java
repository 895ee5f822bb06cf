package com.personifi.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreSweepUnitTest {

    KeyValueStore<String, String> store;

    @BeforeEach
    void givenTenEntriesOfWhichTheOddOnesExpired() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("swept"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, i % 2 == 1 ? "expired" : "live");
        }
    }

    @Test
    void eachPassLooksAtOneSliceAndTheNextResumesAfterIt() {
        StoreSweep<String> sweep = new StoreSweep<>(3);
        List<String> looked = new ArrayList<>();

        int first = sweep.pass(store, (key, value) -> looked.add(key) && value.equals("expired"));
        int second = sweep.pass(store, (key, value) -> looked.add(key) && value.equals("expired"));

        assertThat(List.of(first, second)).containsExactly(3, 3);
        assertThat(looked).containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
        assertThat(keys()).containsExactly("k0", "k2", "k4", "k6", "k7", "k8", "k9");
    }

    @Test
    void afterTheLastKeyTheNextPassStartsOverSoEveryExpiredEntryGoes() {
        StoreSweep<String> sweep = new StoreSweep<>(4);

        List<Integer> seen = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            seen.add(sweep.pass(store, (key, value) -> value.equals("expired")));
        }

        // 4 + 4 + the last 2, then from the start again over what is left
        assertThat(seen).containsExactly(4, 4, 2, 4);
        assertThat(keys()).containsExactly("k0", "k2", "k4", "k6", "k8");
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
