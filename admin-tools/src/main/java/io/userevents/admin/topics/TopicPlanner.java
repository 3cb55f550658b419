package io.userevents.admin.topics;

import io.userevents.admin.topics.TopicChange.AddPartitions;
import io.userevents.admin.topics.TopicChange.AlterConfigs;
import io.userevents.admin.topics.TopicChange.ConfigChange;
import io.userevents.admin.topics.TopicChange.CreateTopic;
import io.userevents.admin.topics.TopicChange.DeleteTopic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Diffs desired against actual state. A pure function: only per-topic overrides are compared, so
 * broker defaults never show as drift, and an override the file does not list is removed.
 */
final class TopicPlanner {

  /**
   * @param allowDelete plan deletion of topics missing from the file
   * @param managedPrefixes if not empty, only topics with one of these prefixes may be deleted
   * @param brokerCount live brokers, to refuse a replication factor the cluster cannot host (0:
   *     unknown)
   */
  record Options(boolean allowDelete, List<String> managedPrefixes, int brokerCount) {
    Options {
      managedPrefixes = List.copyOf(managedPrefixes);
    }
  }

  private TopicPlanner() {}

  static TopicPlan plan(DesiredState desired, Map<String, TopicState> actual, Options options) {
    List<TopicChange> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (TopicSpec spec : desired.topics()) {
      checkMinInsyncReplicas(spec, refusals);
      TopicState current = actual.get(spec.name());
      if (current == null) {
        checkBrokerCount(spec, options, refusals);
        changes.add(new CreateTopic(spec));
        continue;
      }
      if (spec.partitions() < current.partitions()) {
        refusals.add(
            spec.name()
                + ": partitions "
                + current.partitions()
                + " -> "
                + spec.partitions()
                + " refused. Kafka cannot remove partitions; recreating the topic would delete its"
                + " data and reset every consumer's offsets. Keep "
                + current.partitions()
                + " in the file, or create a new topic and migrate to it.");
      } else if (spec.partitions() > current.partitions()) {
        changes.add(new AddPartitions(spec.name(), current.partitions(), spec.partitions()));
        warnings.add(
            spec.name()
                + ": adding partitions changes which partition a key hashes to; records of one key"
                + " written before and after may be read out of order.");
      }
      if (spec.replicationFactor() != null
          && spec.replicationFactor() != current.replicationFactor()) {
        warnings.add(
            spec.name()
                + ": replication factor is "
                + current.replicationFactor()
                + ", file says "
                + spec.replicationFactor()
                + "; apply does not move replicas (use kafka-reassign-partitions.sh).");
      }
      List<ConfigChange> configs = diffConfigs(spec.configs(), current.overrides());
      if (!configs.isEmpty()) {
        changes.add(new AlterConfigs(spec.name(), configs));
      }
    }
    Set<String> wanted = desired.topics().stream().map(TopicSpec::name).collect(Collectors.toSet());
    List<String> unmanaged = new ArrayList<>();
    for (String name : new TreeSet<>(actual.keySet())) {
      if (wanted.contains(name) || isInternal(name)) {
        continue;
      }
      if (options.allowDelete() && inScope(name, options.managedPrefixes())) {
        changes.add(new DeleteTopic(name));
      } else {
        unmanaged.add(name);
      }
    }
    return new TopicPlan(changes, warnings, refusals, unmanaged);
  }

  static boolean isInternal(String topic) {
    return topic.startsWith("__");
  }

  static List<ConfigChange> diffConfigs(Map<String, String> desired, Map<String, String> actual) {
    List<ConfigChange> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : desired.entrySet()) {
      String current = actual.get(entry.getKey());
      if (current == null || !normalize(current).equals(normalize(entry.getValue()))) {
        changes.add(ConfigChange.of(entry, current));
      }
    }
    for (Map.Entry<String, String> entry : actual.entrySet()) {
      if (!desired.containsKey(entry.getKey())) {
        changes.add(new ConfigChange(entry.getKey(), entry.getValue(), null));
      }
    }
    changes.sort(Comparator.comparing(ConfigChange::name));
    return changes;
  }

  /** Values compare as text, ignoring blanks around list separators ("compact, delete"). */
  static String normalize(String value) {
    return value.trim().replaceAll("\\s*,\\s*", ",");
  }

  private static boolean inScope(String topic, List<String> prefixes) {
    return prefixes.isEmpty() || prefixes.stream().anyMatch(topic::startsWith);
  }

  private static void checkBrokerCount(TopicSpec spec, Options options, List<String> refusals) {
    Integer replicas = spec.replicationFactor();
    if (replicas != null && options.brokerCount() > 0 && replicas > options.brokerCount()) {
      refusals.add(
          spec.name()
              + ": replication factor "
              + replicas
              + " needs "
              + replicas
              + " brokers, the cluster has "
              + options.brokerCount()
              + ". For a dev cluster use --replication-factor-override "
              + options.brokerCount()
              + ".");
    }
  }

  private static void checkMinInsyncReplicas(TopicSpec spec, List<String> refusals) {
    Integer replicas = spec.replicationFactor();
    String minIsr = spec.configs().get(TopicSpec.MIN_INSYNC_REPLICAS);
    if (replicas != null && minIsr != null) {
      try {
        if (Integer.parseInt(minIsr.trim()) > replicas) {
          refusals.add(
              spec.name()
                  + ": min.insync.replicas "
                  + minIsr
                  + " is above the replication factor "
                  + replicas
                  + "; producers with acks=all could never write.");
        }
      } catch (NumberFormatException e) {
        refusals.add(spec.name() + ": min.insync.replicas '" + minIsr + "' is not a number");
      }
    }
  }
}
