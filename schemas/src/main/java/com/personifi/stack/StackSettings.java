package com.personifi.stack;

import java.nio.file.Path;

/**
 * What the embedded stack starts and where. A null port means "not embedded" (an external service is configured);
 * port 0 means a random free port.
 *
 * @param durable fsync and synchronous commit on: for data that must survive a crash (off in tests, for speed)
 */
public record StackSettings(Path dataDir, Integer kafkaPort, int kafkaControllerPort, Integer postgresPort,
                            Integer redisPort, boolean durable) {

    /** Fresh services on random ports, as tests use them. */
    public static StackSettings randomPorts(Path dataDir) {
        return new StackSettings(dataDir, 0, 0, 0, 0, false);
    }
}
