package com.personifi.api.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database refusing to keep any answer under a key containing {@code answer-lost}, as if it failed right after
 * the work was done: a trigger on the real {@code idempotency_keys} table, dropped again on close.
 */
public interface AnswersFail extends AutoCloseable {

    @Override
    void close();

    static AnswersFail install(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_answers_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'answers cannot be kept just now';
                END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER test_answers_fail BEFORE UPDATE ON idempotency_keys FOR EACH ROW
                WHEN (NEW.response_status IS NOT NULL AND NEW.idempotency_key LIKE '%answer-lost%')
                EXECUTE FUNCTION test_answers_fail()""").update();
        return () -> jdbc.sql("DROP TRIGGER test_answers_fail ON idempotency_keys").update();
    }
}
