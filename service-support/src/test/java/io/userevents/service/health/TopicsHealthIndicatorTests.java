package io.userevents.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

class TopicsHealthIndicatorTests {

  @Test
  void warnsInHealthAboutATopicWithOneReplicaOnAClusterOfThreeBrokers() throws Exception {
    try (KafkaClusterTestKit cluster = threeBrokers()) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("user-events", 3, (short) 1),
                    new NewTopic("user-events-dlt", 3, (short) 3)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"))))
            .all()
            .get();
      }
      TopicsHealthIndicator indicator =
          new TopicsHealthIndicator(
              new HealthAdminClient(
                  new KafkaAdmin(
                      Map.of(
                          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers())),
                  Duration.ofSeconds(5),
                  "topics-test"),
              List.of("user-events", "user-events-dlt", "user-events-missing"));

      Health health;
      try {
        health = indicator.health();
      } finally {
        indicator.destroy();
      }

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("brokers", 3);
      assertThat(health.getDetails().get("warnings"))
          .asInstanceOf(InstanceOfAssertFactories.LIST)
          .containsExactly(
              "Topic user-events has replication factor 1 on a cluster of 3 brokers (want >= 3)",
              "Topic user-events has min.insync.replicas 1 on a cluster of 3 brokers (want >= 2)",
              "Topic user-events-missing does not exist; create it with kafka-admin topics apply");
      assertThat(health.getDetails().get("topics"))
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("user-events-dlt", new TopicCheck.Topic(3, 3, 2));
    }
  }

  @Test
  void acceptsOneReplicaOnASingleBroker() {
    TopicCheck check = TopicCheck.of(1, Map.of("user-events", new TopicCheck.Topic(3, 1, 1)));

    assertThat(check.warnings()).isEmpty();
  }

  @Test
  void saysSoWhenThePrincipalMayNotReadTopicConfigurations() {
    TopicCheck check =
        TopicCheck.of(3, Map.of("user-events", new TopicCheck.Topic(3, 3, TopicCheck.UNKNOWN)));

    assertThat(check.warnings())
        .containsExactly("Topic user-events: min.insync.replicas unknown (no DescribeConfigs ACL)");
  }

  private static KafkaClusterTestKit threeBrokers() throws Exception {
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(
            new TestKitNodes.Builder()
                .setCombined(false)
                .setNumBrokerNodes(3)
                .setNumControllerNodes(1)
                .build());
    builder.setConfigProp("auto.create.topics.enable", "false");
    KafkaClusterTestKit cluster = builder.build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }
}
