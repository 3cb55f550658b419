package io.userevents.consumer.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.ConsumerApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * A freshly started instance is not ready while its three consumers are still joining and handing
 * partitions to one another (the first to join takes all three): readiness waits until the broker
 * reports the group settled, so that a write taken right after ready finds its partition owned.
 */
class ConsumerGroupReadinessIntegrationTests extends ConsumerIntegrationTest {

  private static final String INDICATOR = "consumerGroupHealthIndicator";

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "ready-" + id;
  private final String group = "ready-group-" + id;

  @Test
  void reportsReadyOnlyOnceEveryPartitionIsOwnedByTheConsumerTheBrokerMeantItFor()
      throws Exception {
    kafka.createTopics(topic, topic + "-dlt");
    // Started by hand: with auto-startup the group can settle while the runners still run, and a
    // first look would race it.
    try (ConsumerApp app =
        ConsumerApp.start(properties(Map.of("spring.kafka.listener.auto-startup", "false")))) {
      Health beforeJoining = app.health(INDICATOR);
      assertThat(beforeJoining.getStatus()).isEqualTo(Status.DOWN);
      assertThat(beforeJoining.getDetails()).containsEntry("settled", "not yet");

      app.startListeners();

      Health ready =
          await()
              .atMost(PATIENCE)
              .until(() -> app.health(INDICATOR), h -> h.getStatus().equals(Status.UP));

      assertThat(ready.getDetails()).containsEntry("settled", "stable");
      assertThat(app.everyConsumerHasPartitions(3)).isTrue();
      ConsumerGroupDescription description = describe();
      assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
      Map<TopicPartition, String> owners = new HashMap<>();
      for (MemberDescription member : description.members()) {
        member.assignment().topicPartitions().forEach(p -> owners.put(p, member.consumerId()));
      }
      assertThat(owners.keySet())
          .containsExactlyInAnyOrder(
              new TopicPartition(topic, 0),
              new TopicPartition(topic, 1),
              new TopicPartition(topic, 2));
      assertThat(owners.values()).doesNotHaveDuplicates();
    }
  }

  @Test
  void reportsReadyAfterTheSettleTimeoutWhenTheGroupNeverSettles() {
    kafka.createTopics(topic, topic + "-dlt");
    Map<String, String> neverStarted =
        Map.of(
            "spring.kafka.listener.auto-startup", "false",
            "userevents.consumer.startup.group-settle-timeout", "2s");
    try (ConsumerApp app = ConsumerApp.start(properties(neverStarted))) {
      Health atStart = app.health(INDICATOR);
      assertThat(atStart.getStatus()).isEqualTo(Status.DOWN);

      Health ready =
          await()
              .atMost(PATIENCE)
              .until(() -> app.health(INDICATOR), h -> h.getStatus().equals(Status.UP));

      assertThat(ready.getDetails()).containsEntry("settled", "not within PT2S");
    }
  }

  private Map<String, String> properties(Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(extra);
    properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    properties.put("spring.datasource.url", "jdbc:h2:mem:ready-" + id + ";DB_CLOSE_DELAY=-1");
    properties.put("spring.kafka.consumer.group-id", group);
    properties.put("userevents.consumer.topic", topic);
    properties.put("userevents.consumer.dead-letter-topic", topic + "-dlt");
    properties.put("userevents.consumer.concurrency", "3");
    return properties;
  }

  private ConsumerGroupDescription describe() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get(10, TimeUnit.SECONDS);
    }
  }
}
