package com.personifi.connectors.sink;

import static com.personifi.connectors.sink.EnrichedTransactionSinkIntegrationTest.enriched;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.events.EnrichedTransaction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New rows go into the ledger with a plain COPY; a batch that holds a row the ledger already has is undone and merged
 * by the upsert rules, whole, and the batches after it are merged without trying.
 */
@SpringBootTest
class LedgerRowsIntegrationTest {

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBatchMeetingARowAlreadyThereIsMergedWholeAndTheNextOnesAreMergedWithoutTrying() {
        // its own, as the sink's running listener shares the application's and would move its count
        LedgerRows rows = new LedgerRows(jdbcTemplate);
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        write(rows, batch(user, account, 0, 100));
        assertThat(rows.mergesBeforeNextTry()).isZero();
        jdbc.sql("UPDATE transactions SET category = 'eating-out', category_source = 'MANUAL', tags = '{lunch}' "
                + "WHERE account_id = ? AND source_ref = 'SHK9000050'").param(account).update();

        // a full batch of new rows led by one already there, which comes again with a rule's tag: PostgreSQL
        // refuses the COPY at its first row while megabytes of it are still on their way
        List<EnrichedTransaction> mixed = batch(user, account, 100, 5100);
        EnrichedTransaction again = enriched(user, account, "SHK9000050", "-10.00", "food");
        again.setTags(List.of("work"));
        mixed.add(0, again);
        write(rows, mixed);

        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(5100);
        Map<String, Object> kept = jdbc.sql("SELECT category, category_source, array_to_string(tags, ',') AS tags "
                + "FROM transactions WHERE account_id = ? AND source_ref = 'SHK9000050'").param(account).query()
                .singleRow();
        assertThat(kept).containsEntry("category", "eating-out").containsEntry("category_source", "MANUAL")
                .containsEntry("tags", "lunch,work");
        assertThat(rows.mergesBeforeNextTry()).isEqualTo(LedgerRows.MERGES_AFTER_A_CONFLICT);

        write(rows, batch(user, account, 5100, 5110));
        assertThat(rows.mergesBeforeNextTry()).isEqualTo(LedgerRows.MERGES_AFTER_A_CONFLICT - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(5110);
    }

    private void write(LedgerRows rows, List<EnrichedTransaction> batch) {
        transaction.executeWithoutResult(status -> rows.upsert(batch));
    }

    private static List<EnrichedTransaction> batch(UUID user, UUID account, int from, int to) {
        List<EnrichedTransaction> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(enriched(user, account, String.format("SHK9%06d", i), "-10.00", "airtime-data"));
        }
        return batch;
    }
}
