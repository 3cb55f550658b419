package io.userevents.bench.kafka;

import io.userevents.model.UserEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back what a run wrote to a topic, between offsets taken before and after it, to check that
 * the topic holds exactly the acknowledged events.
 */
public final class TopicContents {

  private final String bootstrapServers;

  public TopicContents(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The event ids of the records in {@code [from, to)}, per partition, in order read. */
  public List<String> eventIds(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    UserEventCodec codec = UserEventCodec.create();
    List<String> ids = new ArrayList<>();
    read(from, to, record -> ids.add(codec.decode(record.value()).eventId()));
    return ids;
  }

  /** How many records are in {@code [from, to)}. */
  public long count(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    long[] count = {0};
    read(from, to, record -> count[0]++);
    return count[0];
  }

  /**
   * Compares what the topic holds with what was acknowledged: empty when they are the same set with
   * no duplicates, else a description of the difference.
   */
  public static String difference(Collection<String> acknowledged, List<String> onTopic) {
    Set<String> expected = new HashSet<>(acknowledged);
    Set<String> seen = new HashSet<>();
    long duplicates = 0;
    long unexpected = 0;
    for (String id : onTopic) {
      if (!seen.add(id)) {
        duplicates++;
      } else if (!expected.contains(id)) {
        unexpected++;
      }
    }
    long missing = expected.stream().filter(id -> !seen.contains(id)).count();
    if (missing == 0
        && duplicates == 0
        && unexpected == 0
        && expected.size() == acknowledged.size()) {
      return "";
    }
    return String.format(
        "acknowledged %d, on topic %d: %d missing, %d duplicated, %d never acknowledged",
        acknowledged.size(), onTopic.size(), missing, duplicates, unexpected);
  }

  private void read(
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> to,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>(to.keySet());
      consumer.assign(partitions);
      long remaining = 0;
      for (TopicPartition tp : partitions) {
        long start = from.getOrDefault(tp, 0L);
        consumer.seek(tp, start);
        remaining += to.get(tp) - start;
      }
      long idleSince = System.nanoTime();
      while (remaining > 0 && System.nanoTime() - idleSince < Duration.ofSeconds(30).toNanos()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < to.get(tp)) {
            sink.accept(record);
            remaining--;
            idleSince = System.nanoTime();
          }
        }
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) >= to.get(tp)) {
            consumer.pause(List.of(tp));
          }
        }
      }
    }
  }
}
