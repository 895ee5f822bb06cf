package com.personifi.streams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ReferenceCacheTest {

    private final Map<String, byte[]> store = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger parses = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ReferenceVersion version = new ReferenceVersion();
    private final ReferenceCache<String> cache = new ReferenceCache<>(bytes -> {
        parses.incrementAndGet();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("{")) {
            throw new IllegalArgumentException("not readable");
        }
        return text.toUpperCase();
    }, version, 2, clock::get);
    private final Function<String, byte[]> reader = key -> {
        reads.incrementAndGet();
        return store.get(key);
    };

    private void write(String key, String value) {
        if (value == null) {
            store.remove(key);
        } else {
            store.put(key, value.getBytes(StandardCharsets.UTF_8));
        }
        version.changed();
    }

    @Test
    void shouldNotReadTheStoreAgainWhileItHasNotChanged() {
        write("u1", "kes");

        assertThat(cache.get("u1", reader)).isEqualTo("KES");
        assertThat(cache.get("u1", reader)).isEqualTo("KES");
        assertThat(cache.get("u1", reader)).isEqualTo("KES");

        assertThat(reads).hasValue(1);
        assertThat(parses).hasValue(1);
    }

    @Test
    void shouldSeeAChangeOfTheStoreOnTheNextLookup() {
        write("u1", "kes");
        cache.get("u1", reader);

        write("u1", "ugx");

        assertThat(cache.get("u1", reader)).isEqualTo("UGX");
    }

    @Test
    void shouldNotParseAgainWhenAnotherKeyChangedTheStore() {
        write("u1", "kes");
        cache.get("u1", reader);

        write("u2", "tzs");

        assertThat(cache.get("u1", reader)).isEqualTo("KES");
        assertThat(reads).hasValue(2);
        assertThat(parses).hasValue(1);
    }

    @Test
    void shouldRememberThatAKeyHasNoDataUntilItGetsSome() {
        assertThat(cache.get("nobody", reader)).isNull();
        assertThat(cache.get("nobody", reader)).isNull();
        assertThat(reads).hasValue(1);

        write("nobody", "zar");

        assertThat(cache.get("nobody", reader)).isEqualTo("ZAR");
    }

    @Test
    void shouldForgetADeletedEntry() {
        write("u1", "kes");
        cache.get("u1", reader);

        write("u1", null);

        assertThat(cache.get("u1", reader)).isNull();
    }

    @Test
    void shouldReadTheStoreAgainAfterTheTrustedTimeEvenWithoutBeingTold() {
        write("u1", "kes");
        cache.get("u1", reader);
        store.put("u1", "ngn".getBytes(StandardCharsets.UTF_8)); // changed behind the update processor's back

        assertThat(cache.get("u1", reader)).isEqualTo("KES");
        clock.addAndGet(ReferenceCache.TRUSTED_FOR_MS);

        assertThat(cache.get("u1", reader)).isEqualTo("NGN");
    }

    @Test
    void shouldTreatUnreadableDataAsAbsentAndParseItOnce() {
        write("u1", "{broken");

        assertThat(cache.get("u1", reader)).isNull();
        assertThat(cache.get("u1", reader)).isNull();
        assertThat(parses).hasValue(1);
    }

    @Test
    void shouldKeepOnlyTheMostRecentlyUsedEntries() {
        write("a", "a");
        write("b", "b");
        write("c", "c");
        cache.get("a", reader);
        cache.get("b", reader);
        cache.get("a", reader);
        cache.get("c", reader);
        int before = reads.get();

        cache.get("a", reader);
        assertThat(reads).hasValue(before);
        cache.get("b", reader);
        assertThat(reads).hasValue(before + 1);
    }
}
