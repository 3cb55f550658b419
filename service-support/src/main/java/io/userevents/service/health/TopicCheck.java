package io.userevents.service.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the service's topics exist and are durable enough for production: on a cluster of
 * {@value #PRODUCTION_BROKERS} or more brokers, a replication factor below {@value
 * #MIN_REPLICATION} or {@code min.insync.replicas} below {@value #MIN_IN_SYNC} can lose
 * acknowledged writes. Topics are created by {@code kafka-admin topics apply} from {@code
 * admin-tools/topics.yaml}.
 *
 * @param brokers brokers in the cluster
 * @param topics what was found, by topic name; absent when the topic does not exist
 * @param warnings one sentence per problem, empty when all is well
 */
record TopicCheck(int brokers, Map<String, Topic> topics, List<String> warnings) {

  static final int PRODUCTION_BROKERS = 3;
  static final int MIN_REPLICATION = 3;
  static final int MIN_IN_SYNC = 2;

  /** Stands for a {@code min.insync.replicas} that could not be read. */
  static final int UNKNOWN = -1;

  /**
   * One topic as found on the cluster; {@code minInSyncReplicas} is {@link #UNKNOWN} when the
   * service's principal may not read topic configurations (no DescribeConfigs ACL).
   */
  record Topic(int partitions, int replicationFactor, int minInSyncReplicas) {}

  /** The check of {@code found} (null for a missing topic) on a cluster of {@code brokers}. */
  static TopicCheck of(int brokers, Map<String, @Nullable Topic> found) {
    Map<String, Topic> topics = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    found.forEach(
        (name, topic) -> {
          if (topic == null) {
            warnings.add(
                "Topic " + name + " does not exist; create it with kafka-admin topics apply");
            return;
          }
          topics.put(name, topic);
          if (brokers >= PRODUCTION_BROKERS && topic.replicationFactor() < MIN_REPLICATION) {
            warnings.add(
                "Topic %s has replication factor %d on a cluster of %d brokers (want >= %d)"
                    .formatted(name, topic.replicationFactor(), brokers, MIN_REPLICATION));
          }
          if (topic.minInSyncReplicas() == UNKNOWN) {
            warnings.add(
                "Topic " + name + ": min.insync.replicas unknown (no DescribeConfigs ACL)");
          } else if (brokers >= PRODUCTION_BROKERS && topic.minInSyncReplicas() < MIN_IN_SYNC) {
            warnings.add(
                "Topic %s has min.insync.replicas %d on a cluster of %d brokers (want >= %d)"
                    .formatted(name, topic.minInSyncReplicas(), brokers, MIN_IN_SYNC));
          }
        });
    return new TopicCheck(brokers, topics, List.copyOf(warnings));
  }

  /** Describes {@code names} on the cluster behind {@code admin}. */
  static TopicCheck describe(Admin admin, Collection<String> names, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long millis = timeout.toMillis();
    int brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).size();
    Set<String> existing = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
    List<String> present = names.stream().filter(existing::contains).toList();
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(present).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
    Map<ConfigResource, Config> configs = configs(admin, present, millis);
    Map<String, @Nullable Topic> found = new LinkedHashMap<>();
    for (String name : names) {
      TopicDescription description = descriptions.get(name);
      if (description == null) {
        found.put(name, null);
        continue;
      }
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
      ConfigEntry minIsr =
          config == null ? null : config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      found.put(
          name,
          new Topic(
              description.partitions().size(),
              description.partitions().isEmpty()
                  ? 0
                  : description.partitions().get(0).replicas().size(),
              minIsr == null ? UNKNOWN : Integer.parseInt(minIsr.value())));
    }
    return of(brokers, found);
  }

  /** The topics' configurations; none when the principal may not read them. */
  private static Map<ConfigResource, Config> configs(Admin admin, List<String> topics, long millis)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return admin
          .describeConfigs(
              topics.stream()
                  .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                  .toList())
          .all()
          .get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return Map.of();
      }
      throw e;
    }
  }
}
