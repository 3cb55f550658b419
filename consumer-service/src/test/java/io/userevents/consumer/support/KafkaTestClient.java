package io.userevents.consumer.support;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/** Publishes raw bytes and reads topics from the beginning, for tests. */
public final class KafkaTestClient implements AutoCloseable {

  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;
  private final UserEventCodec codec = UserEventCodec.create();

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // The embedded KRaft broker sometimes answers the first idempotent produce to a new partition
    // with NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE forever. Without idempotence a
    // retry may duplicate a record, which the consumer must (and does) take in its stride; one
    // request in flight keeps the order.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Creates topics with 3 partitions and waits until every partition has a leader, so that the
   * first sends do not race the topic's creation.
   */
  public void createTopics(String... topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 3, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!allPartitionsHaveLeaders(admin, List.of(topics))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics have no leaders: " + List.of(topics));
        }
        Thread.onSpinWait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create " + List.of(topics), e);
    }
  }

  private static boolean allPartitionsHaveLeaders(Admin admin, List<String> topics)
      throws InterruptedException, TimeoutException {
    try {
      return admin
          .describeTopics(topics)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .values()
          .stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      return false; // metadata not propagated yet
    }
  }

  /** Publishes the event's JSON (key = user id) and waits for the broker's acknowledgement. */
  public RecordMetadata send(String topic, UserEvent event) {
    return send(topic, event.userId(), codec.encode(event));
  }

  public RecordMetadata send(String topic, String key, byte @Nullable [] value, Header... headers) {
    return await(sendAsync(topic, key, value, headers));
  }

  public RecordMetadata send(String topic, String key, String value, Header... headers) {
    return send(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
  }

  public Future<RecordMetadata> sendAsync(
      String topic, @Nullable String key, byte @Nullable [] value, Header... headers) {
    return producer.send(new ProducerRecord<>(topic, null, null, key, value, List.of(headers)));
  }

  public Future<RecordMetadata> sendAsync(String topic, UserEvent event) {
    return sendAsync(topic, event.userId(), codec.encode(event));
  }

  /**
   * Publishes every event (key = user id) without waiting in between, then waits for each
   * acknowledgement; returns how many were acknowledged (all of them, or it throws).
   */
  public long sendAll(String topic, List<UserEvent> events) {
    List<Future<RecordMetadata>> acks = events.stream().map(e -> sendAsync(topic, e)).toList();
    acks.forEach(KafkaTestClient::await);
    return acks.size();
  }

  public void flush() {
    producer.flush();
  }

  /** Every record of {@code topic} from the beginning to the current end. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-reader-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static RecordMetadata await(Future<RecordMetadata> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
