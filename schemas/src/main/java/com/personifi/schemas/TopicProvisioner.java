package com.personifi.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the platform's topics that do not exist yet and waits until every partition has a leader: an idempotent
 * producer sending to a brand-new topic before that can fail its first batch as out of order. A topic that must have
 * another's partition count is created with it, and refused if it exists with another.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static void ensureTopics(Admin admin, int partitions, short replicationFactor, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.TopicSpec spec : Topics.all()) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                int count = spec.partitionedByKey() ? partitions : 1;
                if (spec.partitionsOf() != null && existing.contains(spec.partitionsOf())) {
                    count = partitionCount(admin, spec.partitionsOf());
                }
                NewTopic topic = new NewTopic(spec.name(), count, replicationFactor);
                if (spec.compacted()) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                missing.add(topic);
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, Topics.all().stream().map(Topics.TopicSpec::name).toList(), timeout);
            for (Topics.TopicSpec spec : Topics.all()) {
                if (spec.partitionsOf() == null) {
                    continue;
                }
                int has = partitionCount(admin, spec.name());
                int wanted = partitionCount(admin, spec.partitionsOf());
                if (has != wanted) {
                    throw new IllegalStateException(spec.name() + " has " + has + " partitions and "
                            + spec.partitionsOf() + " " + wanted + "; they must be equal: add partitions to "
                            + spec.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create Kafka topics: " + e.getCause().getMessage(), e);
        }
    }

    private static int partitionCount(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
            throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                boolean allLed = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka topics have no partition leaders after " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
