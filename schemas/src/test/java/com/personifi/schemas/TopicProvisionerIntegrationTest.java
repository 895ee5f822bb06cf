package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.personifi.testing.TestStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;

/** Corrections must reach the stream task that holds the user's budgets: their topic has the raw topic's partitions. */
class TopicProvisionerIntegrationTest {

    @Test
    void correctionsHaveTheRawTopicsPartitionsAndAnotherCountIsRefused() throws Exception {
        String servers = TestStack.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            assertThat(partitions(admin, Topics.LEDGER_CORRECTIONS)).isEqualTo(partitions(admin, Topics.RAW_TRANSACTIONS));

            // this JVM's broker only: no other test here reads the corrections
            int more = partitions(admin, Topics.RAW_TRANSACTIONS) + 1;
            admin.createPartitions(Map.of(Topics.LEDGER_CORRECTIONS, NewPartitions.increaseTo(more))).all().get();
            for (int i = 0; i < 100 && partitions(admin, Topics.LEDGER_CORRECTIONS) != more; i++) {
                Thread.sleep(50); // the new partition reaches the metadata a moment later
            }

            assertThatThrownBy(() -> TopicProvisioner.ensureTopics(admin, TestStack.PARTITIONS, (short) 1,
                    Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Topics.LEDGER_CORRECTIONS).hasMessageContaining(Topics.RAW_TRANSACTIONS);
        }
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
}
