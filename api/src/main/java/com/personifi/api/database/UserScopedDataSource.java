package com.personifi.api.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections that work as the role {@code personifi_user} with {@code personifi.user_id} set while the
 * thread acts for a person ({@link DatabaseUser}), so the row-level security policies (migration V12) hold even for a
 * query that forgot its {@code WHERE user_id}. The role and person are set when the connection is taken, before any
 * transaction on it begins, and reset when it is handed back; connections taken for no person are left untouched.
 *
 * <p>A connection whose reset fails is closed for good rather than pooled: left as it was, it would only ever be
 * narrower than the pool's role, never wider, but the next borrower should not have to find that out.
 * ({@code SET} rather than {@code SET LOCAL}: most of the API's statements run in autocommit, one transaction each.)
 */
public final class UserScopedDataSource extends DelegatingDataSource {

    private static final String RESET = "RESET ROLE; RESET personifi.user_id";

    public UserScopedDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        UUID userId = DatabaseUser.CURRENT.get();
        if (userId == null) {
            return connection;
        }
        try (Statement statement = connection.createStatement()) {
            // one round trip; a UUID's text is hex digits and dashes only, so it is safe as a literal
            statement.execute("SET ROLE personifi_user; SET personifi.user_id = '" + userId + "'");
        } catch (SQLException | RuntimeException e) {
            discard(connection);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(UserScopedDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ResetOnClose(connection));
    }

    /** Out of the pool for good: it may still carry a person's identity. */
    private void discard(Connection connection) throws SQLException {
        DataSource target = obtainTargetDataSource();
        if (target.isWrapperFor(HikariDataSource.class)) {
            target.unwrap(HikariDataSource.class).evictConnection(connection);
        } else {
            connection.abort(Runnable::run);
            connection.close();
        }
    }

    private final class ResetOnClose implements InvocationHandler {

        private final Connection connection;

        ResetOnClose(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    close();
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "unwrap" -> {
                    // whoever unwraps to a plain Connection must still close this one, so the reset runs
                    if (args[0] == Connection.class) {
                        return proxy;
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() throws SQLException {
            if (connection.isClosed()) {
                return;
            }
            try {
                if (!connection.getAutoCommit()) {
                    // a rollback after the reset would undo it: end the transaction first
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(RESET);
                }
            } catch (SQLException e) {
                discard(connection);
                throw e;
            }
            connection.close();
        }
    }
}
