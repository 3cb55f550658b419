package io.userevents.admin.topics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A topic as the cluster has it: partitions, replication factor and per-topic overrides only. */
record TopicState(
    String name, int partitions, int replicationFactor, Map<String, String> overrides) {

  TopicState {
    overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
  }
}
