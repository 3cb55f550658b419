package io.userevents.admin.cluster;

import io.userevents.admin.cli.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/** Collects cluster metadata and partition health, internal topics included. Never prints. */
final class ClusterHealthService {

  private final Admin admin;
  private final Duration timeout;

  ClusterHealthService(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  ClusterHealth check(int expectedBrokers) {
    DescribeClusterResult cluster = admin.describeCluster();
    String clusterId = Futures.get(cluster.clusterId(), timeout, "describe cluster");
    Node controller = Futures.get(cluster.controller(), timeout, "describe cluster");
    Collection<Node> nodes = Futures.get(cluster.nodes(), timeout, "describe cluster");
    List<ClusterHealth.Broker> brokers =
        nodes.stream()
            .sorted(Comparator.comparingInt(Node::id))
            .map(n -> new ClusterHealth.Broker(n.id(), n.host(), n.port(), n.rack()))
            .toList();

    Set<String> topics =
        Futures.get(
            admin.listTopics(new ListTopicsOptions().listInternal(true)).names(),
            timeout,
            "list topics");
    Map<String, TopicDescription> descriptions =
        topics.isEmpty()
            ? Map.of()
            : Futures.get(admin.describeTopics(topics).allTopicNames(), timeout, "describe topics");
    Map<String, Integer> minIsr = minInsyncReplicas(topics);

    int partitions = 0;
    int underReplicated = 0;
    int underMinIsr = 0;
    int offline = 0;
    List<ClusterHealth.PartitionProblem> problems = new ArrayList<>();
    for (TopicDescription topic : descriptions.values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partitions++;
        PartitionHealth health =
            PartitionHealth.of(partition, minIsr.getOrDefault(topic.name(), 1));
        underReplicated += health.underReplicated() ? 1 : 0;
        underMinIsr += health.underMinIsr() ? 1 : 0;
        offline += health.offline() ? 1 : 0;
        if (!health.healthy()) {
          problems.add(
              new ClusterHealth.PartitionProblem(
                  topic.name(),
                  partition.partition(),
                  health.offline() ? null : partition.leader().id(),
                  partition.replicas().stream().map(Node::id).toList(),
                  partition.isr().stream().map(Node::id).toList(),
                  health.flags()));
        }
      }
    }
    problems.sort(
        Comparator.comparing(ClusterHealth.PartitionProblem::topic)
            .thenComparingInt(ClusterHealth.PartitionProblem::partition));
    boolean controllerKnown = controller != null && !controller.isEmpty() && controller.id() >= 0;
    HealthVerdict.Verdict verdict =
        HealthVerdict.of(
            brokers.size(),
            expectedBrokers,
            controllerKnown,
            underReplicated,
            underMinIsr,
            offline);
    return new ClusterHealth(
        clusterId,
        controllerKnown ? controller.id() : null,
        brokers,
        topics.size(),
        partitions,
        underReplicated,
        underMinIsr,
        offline,
        problems,
        verdict.status(),
        verdict.reasons());
  }

  private Map<String, Integer> minInsyncReplicas(Set<String> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs =
        Futures.get(admin.describeConfigs(resources).all(), timeout, "describe configs");
    Map<String, Integer> result = new HashMap<>();
    configs.forEach(
        (resource, config) -> {
          ConfigEntry entry = config.get("min.insync.replicas");
          if (entry != null && entry.value() != null) {
            result.put(resource.name(), Integer.parseInt(entry.value()));
          }
        });
    return result;
  }
}
