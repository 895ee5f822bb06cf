package com.personifi.streams.runtime;

import java.time.Duration;

import com.personifi.streams.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;

/** A second stream instance in its own JVM, for {@link FailoverIntegrationTest} to kill without a clean shutdown. */
public final class StreamsInstanceMain {

    public static void main(String[] args) throws InterruptedException {
        StreamsRunner runner = new StreamsRunner(new StreamsSettings(true, args[1], args[2], 1, 0, 100, 10_000,
                Duration.ofDays(1), "none"), args[0]);
        runner.start();
        while (runner.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(50);
        }
        System.out.println("RUNNING");
        Thread.sleep(Long.MAX_VALUE);
    }
}
