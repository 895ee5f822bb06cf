package com.personifi.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Redis run as child processes. If the JVM that started them was killed, they survive it and keep
 * their ports and data directories locked; the next start finds them through their pid files and stops them.
 */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {
    }

    /** Stops the process named in the first line of pidFile if it is still alive and its command contains
     * expectedCommand (pid files outlive reboots, and pids get reused). */
    static void stopIfRunning(Path pidFile, String expectedCommand, Duration grace) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains(expectedCommand)).orElse(false))
                .ifPresent(process -> {
                    log.warn("Stopping {} (pid {}) left running by an earlier start", expectedCommand, process.pid());
                    process.destroy();
                    try {
                        process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        process.destroyForcibly();
                        process.onExit().join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** Alive and not a zombie: a process that exited but was not reaped yet holds nothing any more. */
    static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return !Files.isDirectory(Path.of("/proc")) && ProcessHandle.of(pid).isPresent();
            }
        }
        return false;
    }

    /** Waits until pid has exited: stop commands can return a moment before the process is gone. */
    static void awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pid > 0 && isRunning(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
