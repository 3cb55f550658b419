package io.userevents.admin.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces, commits and reads records for test setup and assertions. */
public final class Records {

  private Records() {}

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props);
  }

  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props);
  }

  /** Sends {@code count} records to one partition with the given timestamps (or now). */
  public static void send(
      String bootstrap, String topic, int partition, int count, long firstTimestamp) {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (int i = 0; i < count; i++) {
        producer.send(
            new ProducerRecord<>(
                topic,
                partition,
                firstTimestamp + i * 1000L,
                bytes("key-" + i),
                bytes("value-" + i)));
      }
      producer.flush();
    }
  }

  /** Commits the given offsets for {@code group} without joining it. */
  public static void commit(String bootstrap, String group, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
      consumer.commitSync(commit);
    }
  }

  /**
   * Every record of the topic, read from the start with a throwaway group, up to the end offsets
   * taken before reading (and on until {@code expectedAtLeast} records arrived, for at most 30 s).
   *
   * @throws AssertionError when the end offsets are not reached in 30 s
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, int expectedAtLeast) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(bootstrap, "reader-" + java.util.UUID.randomUUID())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && (records.size() < expectedAtLeast
              || partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)))) {
        consumer.poll(java.time.Duration.ofMillis(100)).forEach(records::add);
      }
      for (TopicPartition tp : partitions) {
        if (consumer.position(tp) < end.get(tp)) {
          // A partial read would pass for "not on the topic": fail instead.
          throw new AssertionError(
              "read "
                  + topic
                  + " only to offset "
                  + consumer.position(tp)
                  + " of "
                  + end.get(tp)
                  + " on "
                  + tp
                  + " in 30 s");
        }
      }
      return records;
    }
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
