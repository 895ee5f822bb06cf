package com.personifi.api.database;

import java.util.Optional;
import java.util.UUID;

/**
 * The person the current thread's database work is for. While it is set, connections taken from the data source work
 * under PostgreSQL's row-level security as that person ({@link UserScopedDataSource}).
 */
public final class DatabaseUser {

    /** Key under which the person travels to other threads (context propagation, e.g. GraphQL data fetchers). */
    public static final String CONTEXT_KEY = "personifi.database-user";

    static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private DatabaseUser() {
    }

    /** Database work on this thread is for {@code userId} until the returned scope is closed. */
    public static Scope actAs(UUID userId) {
        UUID previous = CURRENT.get();
        CURRENT.set(userId);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static Optional<UUID> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Ends acting as the person; closing never fails. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
