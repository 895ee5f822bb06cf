package com.personifi.connectors.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One Debezium embedded engine reading one database: prepares its publication, runs the engine on a thread of its
 * own, hands each batch to its {@link CapturedChanges}, and starts the engine again after a failure. Positions are
 * stored (in Kafka) only for batches that were delivered, so a crash or failure replays rather than loses; the
 * deterministic transaction ids and per-key reference documents make a replay harmless.
 */
final class ChangeCapture implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);

    private final String name;
    private final Properties debezium;
    private final ReplicationSetup replication;
    private final CapturedChanges changes;
    private final long restartBackoffMillis;
    private final boolean forgetOnStart;

    private ExecutorService runner;
    private ScheduledExecutorService restarts;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean running;

    ChangeCapture(String name, Properties debezium, ReplicationSetup replication, CapturedChanges changes,
                  long restartBackoffMillis, boolean forgetOnStart) {
        this.name = name;
        this.debezium = debezium;
        this.replication = replication;
        this.changes = changes;
        this.restartBackoffMillis = restartBackoffMillis;
        this.forgetOnStart = forgetOnStart;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (forgetOnStart) {
            replication.forget();
        }
        replication.preparePublication();
        runner = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        restarts = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name + "-restart"));
        running = true;
        launch();
    }

    private synchronized void launch() {
        if (!running) {
            return;
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(debezium)
                .using(this::completed)
                .notifying(this::handleBatch)
                .build();
        runner.execute(engine);
        log.info("Change capture {} started", name);
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>(events.size());
        for (RecordChangeEvent<SourceRecord> event : events) {
            records.add(event.record());
        }
        try {
            changes.deliver(records);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // nothing of the batch is marked: its positions are not stored and it comes again after the restart
            throw new IllegalStateException("Could not deliver captured changes: " + e.getMessage(), e);
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private void completed(boolean success, String message, Throwable error) {
        if (!running) {
            return;
        }
        log.warn("Change capture {} stopped ({}); starting again in {} ms", name,
                error == null ? message : error.getMessage(), restartBackoffMillis);
        try {
            restarts.schedule(this::launch, restartBackoffMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // shutting down: nothing left to restart
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        restarts.shutdownNow();
        try {
            engine.close();
        } catch (Exception e) {
            log.warn("Change capture {} did not close cleanly: {}", name, e.getMessage());
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Change capture {} stopped", name);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
