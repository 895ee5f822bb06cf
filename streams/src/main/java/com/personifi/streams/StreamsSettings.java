package com.personifi.streams;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka Streams process ({@code personifi.streams.*}).
 *
 * @param sessionTimeoutMs how long the broker waits for a vanished instance before rebalancing; short locally so a
 *                         restart does not wait for its own previous session
 * @param dedupeRetention  how long a transaction is remembered for dedupe and merge after it was last seen
 * @param compression      of what the stream writes (enriched records, changelog topics): none by
 *                         default, since compressing these small Avro records in Java cost the topology 40% of its
 *                         throughput on a broker nearby (docs/benchmarks.md); lz4 or zstd where the network to the
 *                         brokers is the limit
 */
@ConfigurationProperties("personifi.streams")
public record StreamsSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("personifi-streams") String applicationId,
        @DefaultValue("./.personifi/streams") String stateDir,
        @DefaultValue("1") int threads,
        @DefaultValue("0") int standbyReplicas,
        @DefaultValue("100") int commitIntervalMs,
        @DefaultValue("45000") int sessionTimeoutMs,
        @DefaultValue("400d") java.time.Duration dedupeRetention,
        @DefaultValue("none") String compression) {
}
