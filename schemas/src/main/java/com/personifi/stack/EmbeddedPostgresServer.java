package com.personifi.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from the zonky binaries, with logical WAL for Debezium. The data directory survives restarts; the
 * platform's database is created on first start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "personifi";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_connections", "100")
                // zonky turns these off for speed; data that must survive a crash needs them on
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .start();
        try {
            createDatabaseIfMissing(postgres);
        } catch (IOException | RuntimeException e) {
            // a started server nobody owns would outlive the JVM and hold the port and data directory
            try {
                postgres.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new EmbeddedPostgresServer(postgres, dataDir);
    }

    static void stopStale(Path dataDir) {
        StaleProcesses.stopIfRunning(postmasterPid(dataDir), "postgres", Duration.ofSeconds(15));
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("Cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The postmaster's pid (the process zonky launched is pg_ctl, which has exited by now). */
    long pid() {
        return StaleProcesses.readPid(postmasterPid(dataDir)).orElse(-1L);
    }

    private static Path postmasterPid(Path dataDir) {
        return dataDir.resolve("postmaster.pid");
    }

    @Override
    public void close() throws IOException {
        long pid = pid();
        postgres.close();
        StaleProcesses.awaitExit(pid, Duration.ofSeconds(15));
    }
}
