package io.userevents.admin.lag;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** Log end offsets of partitions, and why a partition has none. */
record LogEndOffsets(Map<TopicPartition, Long> offsets, Map<TopicPartition, String> errors) {

  LogEndOffsets {
    offsets = Map.copyOf(offsets);
    errors = Map.copyOf(errors);
  }

  @Nullable Long offset(TopicPartition tp) {
    return offsets.get(tp);
  }

  String error(TopicPartition tp) {
    return errors.getOrDefault(tp, "log end offset unavailable");
  }
}
