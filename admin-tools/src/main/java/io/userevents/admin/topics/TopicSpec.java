package io.userevents.admin.topics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of one topic. A {@code null} replication factor leaves the choice to the
 * broker's {@code default.replication.factor}. Configs are per-topic overrides, sorted by name.
 */
record TopicSpec(
    String name, int partitions, @Nullable Integer replicationFactor, Map<String, String> configs) {

  static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

  TopicSpec {
    configs = Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  TopicSpec withReplicationFactor(int replicas) {
    return new TopicSpec(name, partitions, replicas, configs);
  }

  TopicSpec withConfig(String key, String value) {
    Map<String, String> copy = new TreeMap<>(configs);
    copy.put(key, value);
    return new TopicSpec(name, partitions, replicationFactor, copy);
  }
}
