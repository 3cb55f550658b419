package io.userevents.admin.lag;

import io.userevents.admin.lag.NextRecord.AtLogEnd;
import io.userevents.admin.lag.NextRecord.Found;
import io.userevents.admin.lag.NextRecord.Unavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the record at each position with an assigned (group-less) consumer to learn its timestamp.
 * A record never changes, so a position asked again in the next call is answered from memory; the
 * memory holds only the positions of the last call. Not thread-safe.
 */
final class NextRecords {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> reader;
  private final Duration timeout;
  private Map<Position, Found> remembered = Map.of();
  private int lastFetched;

  NextRecords(Consumer<byte[], byte[]> reader, Duration timeout) {
    this.reader = reader;
    this.timeout = timeout;
  }

  /** The next record at each position; positions past the log end are caught up. */
  Map<Position, NextRecord> read(Set<Position> positions, LogEndOffsets logEnd) {
    Map<Position, NextRecord> result = new HashMap<>();
    List<Position> toFetch = new ArrayList<>();
    for (Position position : positions) {
      Found known = remembered.get(position);
      if (known != null) {
        result.put(position, known);
      } else {
        toFetch.add(position);
      }
    }
    lastFetched = toFetch.size();
    for (Map<TopicPartition, Long> batch : batches(toFetch)) {
      result.putAll(fetch(batch, logEnd));
    }
    Map<Position, Found> found = new HashMap<>();
    result.forEach(
        (position, next) -> {
          if (next instanceof Found f) {
            found.put(position, f);
          }
        });
    remembered = found;
    return result;
  }

  /** Positions read from the cluster (not from memory) by the last {@link #read}. */
  int lastFetched() {
    return lastFetched;
  }

  /** Splits positions so that each batch seeks every partition once (groups may differ). */
  private static List<Map<TopicPartition, Long>> batches(List<Position> positions) {
    List<Map<TopicPartition, Long>> batches = new ArrayList<>();
    for (Position position : positions) {
      Map<TopicPartition, Long> free = null;
      for (Map<TopicPartition, Long> batch : batches) {
        if (!batch.containsKey(position.partition())) {
          free = batch;
          break;
        }
      }
      if (free == null) {
        free = new HashMap<>();
        batches.add(free);
      }
      free.put(position.partition(), position.offset());
    }
    return batches;
  }

  /**
   * Reads the first record at or after each offset. A partition whose position reaches the log end
   * without a record (only transaction markers left) is caught up.
   */
  private Map<Position, NextRecord> fetch(Map<TopicPartition, Long> offsets, LogEndOffsets logEnd) {
    Map<Position, NextRecord> result = new HashMap<>();
    Set<TopicPartition> remaining = new HashSet<>(offsets.keySet());
    try {
      reader.assign(remaining);
      offsets.forEach(reader::seek);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!remaining.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (remaining.remove(tp)) {
            result.put(new Position(tp, offsets.get(tp)), new Found(record.timestamp()));
            reader.pause(List.of(tp));
          }
        }
        for (TopicPartition tp : List.copyOf(remaining)) {
          if (reader.position(tp) >= logEnd.offset(tp)) {
            remaining.remove(tp);
            result.put(new Position(tp, offsets.get(tp)), new AtLogEnd());
          }
        }
      }
      result.putAll(unavailable(remaining, offsets, "no record read within " + timeout));
    } catch (KafkaException e) {
      result.putAll(unavailable(remaining, offsets, "could not read record: " + e.getMessage()));
    } finally {
      reader.unsubscribe();
    }
    return result;
  }

  private static Map<Position, NextRecord> unavailable(
      Set<TopicPartition> partitions, Map<TopicPartition, Long> offsets, String reason) {
    Map<Position, NextRecord> result = new HashMap<>();
    partitions.forEach(
        tp -> result.put(new Position(tp, offsets.get(tp)), new Unavailable(reason)));
    return result;
  }
}
