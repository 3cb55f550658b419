package io.userevents.consumer.health;

import io.userevents.consumer.ConsumerSettings;
import io.userevents.service.health.HealthAdminClient;
import io.userevents.service.health.KafkaHealthProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * In readiness: DOWN after start-up until the consumer group has settled once: the broker reports
 * it stable, every member holds its target assignment, and each of this instance's consumers is a
 * member and has taken up the partitions the broker gave it. Until then a partition can be on its
 * way between consumers (with the KIP-848 protocol the first consumer to join takes every partition
 * and hands them on at the next heartbeats), and a write taken meanwhile waits a heartbeat interval
 * or two. Once settled, or after {@code userevents.consumer.startup.group-settle-timeout} (with a
 * warning), it stays UP: later rebalances are the listener's business, not a reason to take the
 * instance out of service.
 */
@Component("consumerGroupHealthIndicator")
class ConsumerGroupHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConsumerGroupHealthIndicator.class);

  private final KafkaListenerEndpointRegistry registry;
  private final HealthAdminClient admin;
  private final Duration settleTimeout;
  private final long startedNanos = System.nanoTime();
  private volatile @Nullable String settled;

  ConsumerGroupHealthIndicator(
      KafkaListenerEndpointRegistry registry,
      KafkaAdmin kafkaAdmin,
      KafkaHealthProperties health,
      ConsumerSettings settings,
      Environment environment) {
    super("Consumer group check failed");
    this.registry = registry;
    String application = environment.getProperty("spring.application.name", "consumer-service");
    this.admin = new HealthAdminClient(kafkaAdmin, health.timeout(), application + "-group");
    this.settleTimeout = settings.startup().groupSettleTimeout();
    this.settled = settleTimeout.isZero() ? "not awaited" : null;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    String how = settled;
    if (how != null) {
      builder.up().withDetail("settled", how);
      return;
    }
    Collection<MessageListenerContainer> containers = registry.getListenerContainers();
    Map<String, Object> details = new LinkedHashMap<>();
    boolean stable = !containers.isEmpty();
    for (MessageListenerContainer container : containers) {
      stable &= settled(container, details);
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - startedNanos);
    if (stable) {
      settle("stable");
      log.info(
          "Consumer group settled; ready ({} ms after the listener was set up)", waited.toMillis());
      builder.up().withDetail("settled", "stable").withDetails(details);
    } else if (waited.compareTo(settleTimeout) >= 0) {
      settle("not within " + settleTimeout);
      log.warn(
          "Reporting ready although the consumer group has not settled within {}"
              + " (userevents.consumer.startup.group-settle-timeout): {}",
          settleTimeout,
          details);
      builder.up().withDetail("settled", settled).withDetails(details);
    } else {
      builder.down().withDetail("settled", "not yet").withDetails(details);
    }
  }

  private boolean settled(MessageListenerContainer container, Map<String, Object> details) {
    String group = container.getGroupId();
    Map<String, Collection<TopicPartition>> ours = container.getAssignmentsByClientId();
    if (group == null || ours == null || ours.isEmpty() || !container.isRunning()) {
      details.put(String.valueOf(container.getListenerId()), "consumers not started");
      return false;
    }
    try {
      ConsumerGroupDescription description =
          admin
              .get()
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(admin.timeout().toMillis(), TimeUnit.MILLISECONDS);
      // By client id, which several instances of the service can share (Kafka's default,
      // consumer-<group>-<n>, counts per JVM).
      Map<String, List<Set<TopicPartition>>> members =
          description.members().stream()
              .collect(
                  Collectors.groupingBy(
                      MemberDescription::clientId,
                      Collectors.mapping(
                          member -> member.assignment().topicPartitions(), Collectors.toList())));
      boolean reconciled = description.members().stream().allMatch(this::holdsItsTarget);
      boolean joined = members.keySet().containsAll(ours.keySet());
      boolean owned = ours.entrySet().stream().allMatch(e -> owns(e, members));
      details.put(
          group,
          Map.of(
              "state",
              String.valueOf(description.groupState()),
              "members",
              members.size(),
              "reconciled",
              reconciled,
              "joined",
              joined,
              "owned",
              owned));
      return description.groupState() == GroupState.STABLE && reconciled && joined && owned;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      details.put(group, "interrupted");
      return false;
    } catch (Exception e) {
      details.put(group, "not described: " + e);
      return false;
    }
  }

  /**
   * Whether one of our consumers has taken up what the broker assigned to it: the broker counts a
   * member's assignment as current once it has sent it, before the consumer's poll has handed the
   * partitions to the listener.
   */
  private static boolean owns(
      Map.Entry<String, Collection<TopicPartition>> ours,
      Map<String, List<Set<TopicPartition>>> members) {
    Collection<TopicPartition> local = ours.getValue(); // null until its first assignment
    Set<TopicPartition> taken = local == null ? Set.of() : Set.copyOf(local);
    return members.getOrDefault(ours.getKey(), List.of()).contains(taken);
  }

  private boolean holdsItsTarget(MemberDescription member) {
    return member
        .targetAssignment()
        .map(target -> target.topicPartitions().equals(member.assignment().topicPartitions()))
        .orElse(true);
  }

  private void settle(String how) {
    settled = how;
    admin.close();
  }

  @Override
  public void destroy() {
    admin.close();
  }
}
