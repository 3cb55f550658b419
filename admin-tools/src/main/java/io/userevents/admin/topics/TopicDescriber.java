package io.userevents.admin.topics;

import io.userevents.admin.cluster.PartitionHealth;
import io.userevents.admin.topics.TopicReport.ConfigValue;
import io.userevents.admin.topics.TopicReport.PartitionReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** Builds {@link TopicReport}s: partitions with health flags and effective configs. */
final class TopicDescriber {

  private final TopicsService service;

  TopicDescriber(TopicsService service) {
    this.service = service;
  }

  List<TopicReport> describe(Collection<String> topics) {
    Map<String, TopicDescription> descriptions = service.describe(topics);
    Map<String, Config> configs = service.configs(topics);
    List<TopicReport> reports = new ArrayList<>();
    for (String topic : topics) {
      TopicDescription description = descriptions.get(topic);
      if (description != null) {
        reports.add(report(description, configs.get(topic)));
      }
    }
    return reports;
  }

  static TopicReport report(TopicDescription description, Config config) {
    List<ConfigValue> values = new ArrayList<>();
    int minIsr = 1;
    if (config != null) {
      for (ConfigEntry entry : config.entries()) {
        values.add(new ConfigValue(entry.name(), entry.value(), source(entry.source())));
        if (entry.name().equals(TopicSpec.MIN_INSYNC_REPLICAS) && entry.value() != null) {
          minIsr = Integer.parseInt(entry.value());
        }
      }
    }
    values.sort(Comparator.comparing(ConfigValue::name));
    List<PartitionReport> partitions = new ArrayList<>();
    for (TopicPartitionInfo partition : description.partitions()) {
      Node leader = partition.leader();
      boolean hasLeader = leader != null && !leader.isEmpty() && leader.id() >= 0;
      partitions.add(
          new PartitionReport(
              partition.partition(),
              hasLeader ? leader.id() : null,
              partition.replicas().stream().map(Node::id).toList(),
              partition.isr().stream().map(Node::id).toList(),
              PartitionHealth.of(partition, minIsr).flags()));
    }
    int replicas =
        description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
    return new TopicReport(
        description.name(),
        String.valueOf(description.topicId()),
        description.partitions().size(),
        replicas,
        minIsr,
        partitions,
        values);
  }

  static String source(ConfigEntry.ConfigSource source) {
    return switch (source) {
      case DYNAMIC_TOPIC_CONFIG -> "topic";
      case DYNAMIC_BROKER_CONFIG -> "broker";
      case DYNAMIC_DEFAULT_BROKER_CONFIG -> "cluster-default";
      case STATIC_BROKER_CONFIG -> "broker-static";
      case DEFAULT_CONFIG -> "default";
      default -> source.name().toLowerCase(Locale.ROOT);
    };
  }
}
