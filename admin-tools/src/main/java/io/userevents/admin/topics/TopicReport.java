package io.userevents.admin.topics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@code topics describe} shows for one topic. */
record TopicReport(
    String name,
    String topicId,
    int partitionCount,
    int replicationFactor,
    int minInsyncReplicas,
    List<PartitionReport> partitions,
    List<ConfigValue> configs) {

  /** One partition; {@code leader == null} when it is offline. Flags empty when healthy. */
  record PartitionReport(
      int partition,
      @Nullable Integer leader,
      List<Integer> replicas,
      List<Integer> isr,
      List<String> flags) {}

  /** An effective config and where its value comes from (topic, broker, default, ...). */
  record ConfigValue(String name, @Nullable String value, String source) {}
}
