package io.userevents.localstack;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether the projection's consumer group owns every partition of its topic. A service's
 * readiness probe turns green before its listeners have their partitions; until they do, a new
 * event is not applied, so the launcher waits for this too before it says "ready".
 */
final class ConsumerGroupProbe {

  private ConsumerGroupProbe() {}

  /** Waits until {@code group} is stable and its members own all partitions of {@code topic}. */
  static void awaitAssigned(
      String bootstrapServers, String group, String topic, int partitions, Duration timeout)
      throws InterruptedException {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10_000);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        if (isFullyAssigned(admin, group, topic, partitions)) {
          return;
        }
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException(
        "consumer group "
            + group
            + " did not take all "
            + partitions
            + " partitions of "
            + topic
            + " within "
            + timeout.toSeconds()
            + " s");
  }

  private static boolean isFullyAssigned(Admin admin, String group, String topic, int partitions)
      throws InterruptedException {
    ConsumerGroupDescription description;
    try {
      description =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
    if (description == null || description.groupState() != GroupState.STABLE) {
      return false;
    }
    Set<TopicPartition> owned = new HashSet<>();
    for (MemberDescription member : description.members()) {
      owned.addAll(member.assignment().topicPartitions());
    }
    for (int partition = 0; partition < partitions; partition++) {
      if (!owned.contains(new TopicPartition(topic, partition))) {
        return false;
      }
    }
    return true;
  }
}
