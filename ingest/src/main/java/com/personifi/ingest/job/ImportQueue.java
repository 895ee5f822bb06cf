package com.personifi.ingest.job;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.ingest.ImportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs imports in the background, a few at a time, and keeps every job it holds marked alive in PostgreSQL. A job
 * whose process dies stops being marked, and is then reported as failed rather than running forever.
 */
@Component
public class ImportQueue implements DisposableBean {

    public static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);

    private final ImportJobs jobs;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService heartbeat;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    public ImportQueue(ImportJobs jobs, ImportSettings settings) {
        this.jobs = jobs;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())),
                r -> {
                    // daemon: an import never holds the process up; one cut off aborts its transaction
                    Thread thread = new Thread(r, "import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * @throws ImportsBusyException when every worker is busy and the queue is full; nothing was queued
     */
    public void submit(UUID jobId, Runnable importRun) {
        held.add(jobId);
        try {
            workers.execute(() -> {
                try {
                    importRun.run();
                } catch (RuntimeException e) {
                    // the run has recorded the failure on its job already; this only keeps the worker alive
                    log.debug("Import {} ended with {}", jobId, e.toString());
                } finally {
                    held.remove(jobId);
                }
            });
        } catch (RejectedExecutionException e) {
            held.remove(jobId);
            throw new ImportsBusyException();
        }
    }

    private void beat() {
        try {
            jobs.heartbeat(Set.copyOf(held));
        } catch (RuntimeException e) {
            log.warn("Could not mark {} running imports as alive: {}", held.size(), e.toString());
        }
    }

    /** Running imports are given the shutdown grace to finish; what is still running then aborts its transaction. */
    @Override
    public void destroy() throws InterruptedException {
        heartbeat.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    /** More imports are waiting than the queue takes: the client should try again shortly. */
    public static final class ImportsBusyException extends RuntimeException {
        public ImportsBusyException() {
            super("Too many imports are waiting; try again in a minute");
        }
    }
}
