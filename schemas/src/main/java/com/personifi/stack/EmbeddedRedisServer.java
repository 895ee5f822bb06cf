package com.personifi.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import redis.embedded.RedisServer;

/** Redis from the embedded-redis binaries, snapshotting into its own data directory so revoked tokens survive a
 * restart. Its pid file lets the next start stop an instance orphaned by a killed JVM. */
final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer redis;
    private final int port;
    private final Path pidFile;

    private EmbeddedRedisServer(RedisServer redis, int port, Path pidFile) {
        this.redis = redis;
        this.port = port;
        this.pidFile = pidFile;
    }

    static Path pidFile(Path dataDir) {
        return dataDir.resolve("redis.pid");
    }

    static void stopStale(Path dataDir) {
        StaleProcesses.stopIfRunning(pidFile(dataDir), "redis-server", Duration.ofSeconds(10));
    }

    static EmbeddedRedisServer start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        Path pidFile = pidFile(dataDir);
        RedisServer redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("pidfile " + pidFile.toAbsolutePath())
                .setting("save 60 1")
                .setting("appendonly no")
                .setting("maxmemory 128mb")
                .setting("maxmemory-policy volatile-lru")
                .onShutdownForceStop(false)
                .build();
        redis.start();
        return new EmbeddedRedisServer(redis, port, pidFile);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return StaleProcesses.readPid(pidFile).orElse(-1L);
    }

    @Override
    public void close() throws IOException {
        long pid = pid();
        redis.stop();
        StaleProcesses.awaitExit(pid, Duration.ofSeconds(10));
    }
}
