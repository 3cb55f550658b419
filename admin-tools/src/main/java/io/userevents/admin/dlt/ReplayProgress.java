package io.userevents.admin.dlt;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a replay run stands in each partition: the next offset to look at, the offset to stop at
 * (end offset seen at start, or {@code --to-offset}), and what was last committed.
 */
final class ReplayProgress {

  private final Map<TopicPartition, Long> next = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> stop = new HashMap<>();
  private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
  private final Map<Integer, Long> startOffsets = new TreeMap<>();
  private final Map<Integer, Long> endOffsets = new TreeMap<>();

  /**
   * Starts each partition at its committed progress, but not before the log start or {@code
   * --from-offset}; stops at the end offset, or after {@code --to-offset}.
   */
  static ReplayProgress plan(
      List<TopicPartition> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, Long> beginning,
      Map<TopicPartition, Long> end,
      ReplayFilter filter) {
    ReplayProgress progress = new ReplayProgress();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata done = committed.get(tp);
      long start = Math.max(done == null ? 0 : done.offset(), beginning.get(tp));
      if (filter.fromOffset() != null) {
        start = Math.max(start, filter.fromOffset());
      }
      long last = end.get(tp);
      if (filter.toOffset() != null) {
        last = Math.min(last, filter.toOffset() + 1);
      }
      progress.startOffsets.put(tp.partition(), start);
      progress.endOffsets.put(tp.partition(), end.get(tp));
      progress.next.put(tp, start);
      progress.stop.put(tp, last);
      progress.lastCommitted.put(tp, start);
    }
    return progress;
  }

  Map<TopicPartition, Long> next() {
    return Map.copyOf(next);
  }

  /** Whether the record lies between the next offset and the stop offset of its partition. */
  boolean wants(ConsumerRecord<?, ?> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    return record.offset() >= next.get(tp) && record.offset() < stop.get(tp);
  }

  void passed(ConsumerRecord<?, ?> record) {
    next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
  }

  boolean unfinished(TopicPartition tp) {
    return next.get(tp) < stop.get(tp);
  }

  long stop(TopicPartition tp) {
    return stop.get(tp);
  }

  /** The partition has nothing more to read (the rest is gone or holds only markers). */
  void finish(TopicPartition tp) {
    next.put(tp, stop.get(tp));
  }

  boolean done() {
    return next.keySet().stream().noneMatch(this::unfinished);
  }

  /** Offsets that moved since the last commit. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    next.forEach(
        (tp, offset) -> {
          if (!offset.equals(lastCommitted.get(tp))) {
            offsets.put(tp, new OffsetAndMetadata(offset, "kafka-admin dlt replay"));
          }
        });
    return offsets;
  }

  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, offset) -> lastCommitted.put(tp, offset.offset()));
  }

  Map<Integer, Long> startOffsets() {
    return Map.copyOf(startOffsets);
  }

  Map<Integer, Long> endOffsets() {
    return Map.copyOf(endOffsets);
  }
}
