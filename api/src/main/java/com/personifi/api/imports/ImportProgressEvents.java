package com.personifi.api.imports;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.personifi.api.database.DatabaseUser;
import com.personifi.ingest.job.ImportJob;
import com.personifi.ingest.job.ImportJobs;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams an import's progress as Server-Sent Events. Progress is read from the job in PostgreSQL, not from the
 * worker's memory, so any API instance can stream a job that another one runs.
 */
@Component
class ImportProgressEvents implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(500);
    /** A comment line now and then keeps proxies from cutting a quiet stream, and finds clients that left. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A client following a stuck job is let go eventually; the job itself has its own abandonment rule. */
    private static final Duration LONGEST_STREAM = Duration.ofMinutes(30);

    private final ImportJobs jobs;
    /** Sending to a slow client blocks its thread: a few threads, so one such client does not stall the rest. */
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(4, r -> {
        Thread thread = new Thread(r, "import-events");
        thread.setDaemon(true);
        return thread;
    });

    ImportProgressEvents(ImportJobs jobs) {
        this.jobs = jobs;
    }

    SseEmitter follow(UUID userId, UUID jobId) {
        SseEmitter emitter = new SseEmitter(LONGEST_STREAM.toMillis());
        AtomicReference<ImportView> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        Runnable stop = () -> {
            over.set(true);
            ScheduledFuture<?> future = polling.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(() -> {
            stop.run();
            emitter.complete();
        });
        emitter.onError(e -> stop.run());
        polling.set(poller.scheduleWithFixedDelay(() -> {
            if (over.get()) {
                // the first run may come before its future is known: it stops itself here instead
                stop.run();
                return;
            }
            // the poller's thread reads the job as the person following it, like their request would
            try (DatabaseUser.Scope ignored = DatabaseUser.actAs(userId)) {
                ImportJob job = jobs.find(userId, jobId).orElse(null);
                if (job == null) {
                    emitter.complete();
                    stop.run();
                    return;
                }
                ImportView view = ImportView.of(job);
                if (!view.equals(last.getAndSet(view))) {
                    String name = job.status() == ImportJob.Status.COMPLETED ? "completed"
                            : job.status() == ImportJob.Status.FAILED ? "failed" : "progress";
                    emitter.send(SseEmitter.event().name(name).id(Integer.toString(view.rowsRead())).data(view));
                    lastSent.set(System.nanoTime());
                } else if (System.nanoTime() - lastSent.get() >= KEEP_ALIVE.toNanos()) {
                    emitter.send(SseEmitter.event().comment("still importing"));
                    lastSent.set(System.nanoTime());
                }
                if (job.status().finished()) {
                    emitter.complete();
                    stop.run();
                }
            } catch (IOException | RuntimeException e) {
                // the client went away, or the database did: either way this stream is over
                emitter.completeWithError(e);
                stop.run();
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
