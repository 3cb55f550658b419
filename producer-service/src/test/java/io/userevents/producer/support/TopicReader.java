package io.userevents.producer.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads records of the topic straight from the broker, as raw bytes. */
public final class TopicReader {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final String topic;

  public TopicReader(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** The record at the given position, as a receipt names it. */
  public ConsumerRecord<String, byte[]> at(int partition, long offset) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() == offset) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no record at " + topic + "-" + partition + "@" + offset);
  }

  /**
   * Every record currently in the topic: read up to the end offsets taken at the start. Fails the
   * test when that end is not reached within 60 s, so that a slow read never passes for "not on the
   * topic" or "no duplicates".
   */
  public List<ConsumerRecord<String, byte[]>> all() {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "read only "
                  + records.size()
                  + " records of "
                  + topic
                  + " in "
                  + READ_TIMEOUT.toSeconds()
                  + " s, not up to its end offsets "
                  + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Values of every record whose value contains the marker. */
  public List<String> valuesContaining(String marker) {
    return all().stream()
        .map(record -> new String(record.value(), StandardCharsets.UTF_8))
        .filter(value -> value.contains(marker))
        .toList();
  }

  /** A header's value as a string, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
