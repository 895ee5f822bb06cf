package com.personifi.connectors.cdc;

import java.net.URI;
import java.util.Properties;

/**
 * Where a PostgreSQL database is and who reads it, as Debezium wants it: host, port and database apart rather than a
 * JDBC URL. The password never appears in {@link #toString()}.
 */
record PostgresAddress(String host, int port, String database, String user, String password) {

    static PostgresAddress fromJdbcUrl(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? user : uri.getPath().substring(1);
        return new PostgresAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user,
                password == null ? "" : password);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    void addTo(Properties debezium) {
        debezium.setProperty("database.hostname", host);
        debezium.setProperty("database.port", Integer.toString(port));
        debezium.setProperty("database.dbname", database);
        debezium.setProperty("database.user", user);
        debezium.setProperty("database.password", password);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
