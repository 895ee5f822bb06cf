package com.personifi.app.local;

import com.personifi.stack.LocalStack;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded stack as seen by Spring: the lowest phase, so on shutdown it stops last, after the web server has
 * drained and the stream and sink have closed their Kafka clients.
 */
final class LocalStackLifecycle implements SmartLifecycle {

    private final LocalStack stack;
    private volatile boolean running = true;

    LocalStackLifecycle(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stack.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
