package com.personifi.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tags index covers only tagged rows (V18), so the planner can use it only for a query that says the rows it
 * wants have tags: the transaction list's tag filter must, or a search by tag reads every row of the person.
 */
@SpringBootTest
class TagIndexIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTagFilterUsesThePartialTagsIndex() {
        // a person with a long history, of which a few transactions carry the tag
        UUID user = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, category, category_source, category_confidence,
                            base_currency, amount_in_base, fx_rate_status, tags)
                        SELECT gen_random_uuid(), ?, gen_random_uuid(), 'T' || i, 'MPESA_STATEMENT',
                               now() - i * interval '1 hour', current_date, -1, 'KES', 'Airtime ' || i,
                               'uncategorized', 'BUILT_IN', 80, 'KES', -1, 'OFFICIAL',
                               CASE WHEN i % 1000 = 0 THEN '{payday}'::text[] ELSE '{}' END
                        FROM generate_series(1, 5000) AS i""")
                .param(user).update();
        jdbc.sql("ANALYZE transactions").update();
        LedgerQuery byTag = new LedgerQuery(null, null, null, null, "payday", null, null, null, null, false, null, 50);

        assertThat(plan(user, byTag.where())).contains("transactions_tags_idx");
        // the same filter without the redundant condition: the index cannot serve it, so this test can tell
        LedgerQuery.Sql withoutIt = new LedgerQuery.Sql(byTag.where().where().replace(" AND tags <> '{}'", ""),
                byTag.where().params());
        assertThat(plan(user, withoutIt)).doesNotContain("transactions_tags_idx");
    }

    /** The plan of the transaction list's query (LedgerTransactions) for one page of the person's transactions. */
    private String plan(UUID user, LedgerQuery.Sql where) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(0, user);
        params.add(LedgerQuery.DEFAULT_LIMIT + 1);
        return String.join("\n", jdbc.sql("EXPLAIN SELECT id FROM transactions WHERE user_id = ?" + where.where()
                + " ORDER BY occurred_at DESC, id DESC LIMIT ?").params(params).query(String.class).list());
    }
}
