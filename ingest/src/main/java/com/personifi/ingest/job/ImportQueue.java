package com.personifi.ingest.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.personifi.ingest.ImportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs imports in the background, a few at a time, and keeps every job it holds marked alive in PostgreSQL. A job
 * whose process dies stops being marked, and is then reported as failed rather than running forever. Uploads wait
 * for their worker as files in a spool directory of their own, which a restart clears of what the last process left.
 */
@Component
public class ImportQueue implements DisposableBean {

    public static final Duration HEARTBEAT = Duration.ofSeconds(20);
    public static final String STOPPED_BEFORE_START = "The server stopped before this import could start; none of "
            + "its rows were imported. Upload the file again.";
    public static final String BUSY = "Too many imports are running; try again in a minute";

    private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);
    /** A spooled upload older than this belongs to no import that can still be running. */
    private static final Duration STALE_SPOOL = Duration.ofHours(1);

    private final ImportJobs jobs;
    private final ThreadPoolExecutor workers;
    /** Imports run while the client waits (PDFs) take the same number of slots as background workers. */
    private final Semaphore immediate;
    private final ScheduledExecutorService heartbeat;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Path spool;
    private final ImportRunScope runScope;

    public ImportQueue(ImportJobs jobs, ImportSettings settings, ObjectProvider<ImportRunScope> runScope) {
        this.jobs = jobs;
        this.runScope = runScope.getIfAvailable(() -> ImportRunScope.NONE);
        this.spool = spoolDirectory(settings);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())),
                r -> {
                    // daemon: an import never holds the process up; one cut off aborts its transaction
                    Thread thread = new Thread(r, "import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.immediate = new Semaphore(Math.max(1, settings.workers()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Where uploads wait for their import; {@code personifi.imports.spool-dir}, else under the temporary directory. */
    public Path spoolDirectory() {
        return spool;
    }

    /**
     * @param userId    whose upload it is: the run works for them ({@link ImportRunScope})
     * @param importRun runs the import; it records its own outcome on the job
     * @param abandon   called instead of the run when the process stops before the run started
     * @throws ImportsBusyException when every worker is busy and the queue is full; nothing was queued
     */
    public void submit(UUID jobId, UUID userId, Runnable importRun, Runnable abandon) {
        held.add(jobId);
        try {
            workers.execute(new Queued(jobId, userId, importRun, abandon));
        } catch (RejectedExecutionException e) {
            held.remove(jobId);
            throw new ImportsBusyException();
        }
    }

    /**
     * Runs an import on the caller's thread when a slot is free, marked alive like the background ones.
     *
     * @param onBusy called, before the exception, when no slot is free
     * @throws ImportsBusyException when as many imports as there are workers are already running this way
     */
    public void runNow(UUID jobId, Runnable importRun, Runnable onBusy) {
        if (!immediate.tryAcquire()) {
            onBusy.run();
            throw new ImportsBusyException();
        }
        held.add(jobId);
        try {
            importRun.run();
        } finally {
            held.remove(jobId);
            immediate.release();
        }
    }

    private final class Queued implements Runnable {
        private final UUID jobId;
        private final UUID userId;
        private final Runnable importRun;
        private final Runnable abandon;

        Queued(UUID jobId, UUID userId, Runnable importRun, Runnable abandon) {
            this.jobId = jobId;
            this.userId = userId;
            this.importRun = importRun;
            this.abandon = abandon;
        }

        @Override
        public void run() {
            try (ImportRunScope.Scope ignored = runScope.enter(userId)) {
                importRun.run();
            } catch (RuntimeException | Error e) {
                // the run has recorded the failure on its job already; this keeps the worker alive and says so
                log.warn("Import {} failed: {}", jobId, e.toString());
            } finally {
                held.remove(jobId);
            }
        }

        void abandon() {
            try {
                abandon.run();
            } catch (RuntimeException e) {
                log.warn("Could not mark import {} as not started: {}", jobId, e.toString());
            } finally {
                held.remove(jobId);
            }
        }
    }

    private void beat() {
        try {
            jobs.heartbeat(Set.copyOf(held));
        } catch (RuntimeException e) {
            log.warn("Could not mark {} running imports as alive: {}", held.size(), e.toString());
        }
    }

    /**
     * Imports still waiting are failed and their files removed at once, so none is left queued forever; running
     * imports are given the shutdown grace to finish, and what is still running then aborts its transaction.
     */
    @Override
    public void destroy() throws InterruptedException {
        heartbeat.shutdownNow();
        List<Runnable> waiting = new ArrayList<>();
        workers.getQueue().drainTo(waiting);
        workers.shutdown();
        waiting.stream().filter(Queued.class::isInstance).map(Queued.class::cast).forEach(Queued::abandon);
        if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
            workers.shutdownNow().stream().filter(Queued.class::isInstance).map(Queued.class::cast)
                    .forEach(Queued::abandon);
        }
    }

    private static Path spoolDirectory(ImportSettings settings) {
        Path directory = settings.spoolDir() != null ? Path.of(settings.spoolDir())
                : Path.of(System.getProperty("java.io.tmpdir"), "personifi-imports");
        try {
            Files.createDirectories(directory);
            Instant stale = Instant.now().minus(STALE_SPOOL);
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> file.getFileName().toString().endsWith(".upload")).forEach(file -> {
                    try {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(stale)) {
                            Files.deleteIfExists(file);
                        }
                    } catch (IOException e) {
                        log.warn("Could not remove the stale upload {}: {}", file, e.toString());
                    }
                });
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use " + directory + " for uploads waiting to be imported", e);
        }
    }

    /** More imports are waiting than the queue takes: the client should try again shortly. */
    public static final class ImportsBusyException extends RuntimeException {
        public ImportsBusyException() {
            super(BUSY);
        }
    }
}
