package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.localstack.LocalKafkaBroker.BrokerSettings;
import io.userevents.localstack.TopicInitializer.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerIntegrationTests {

  private static final List<TopicSpec> TOPICS =
      List.of(new TopicSpec("user-events", 3), new TopicSpec("user-events-dlt", 3));

  @TempDir Path dataDir;

  @Test
  void startsBrokerCreatesTopicsAndRoundTripsARecordThenReleasesItsPortOnClose() throws Exception {
    BrokerSettings settings =
        new BrokerSettings(FreePorts.next(), FreePorts.next(), dataDir, false);
    Set<Thread> threadsBefore = brokerThreads(); // other tests' brokers may share this JVM
    LocalKafkaBroker broker = new LocalKafkaBroker(settings).start();
    try {
      assertThat(TopicInitializer.createMissing(broker.bootstrapServers(), TOPICS))
          .containsExactlyInAnyOrder("user-events", "user-events-dlt");
      assertThat(partitionCounts(broker.bootstrapServers()))
          .containsEntry("user-events", 3)
          .containsEntry("user-events-dlt", 3);

      RecordMetadata sent = send(broker.bootstrapServers(), "user-1", "hello");
      assertThat(readAll(broker.bootstrapServers(), 1))
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.key()).isEqualTo("user-1");
                assertThat(record.value()).isEqualTo("hello");
                assertThat(record.partition()).isEqualTo(sent.partition());
                assertThat(record.offset()).isEqualTo(sent.offset());
              });
      assertThat(Files.exists(dataDir.resolve("server.properties"))).isTrue();
    } finally {
      broker.close();
    }

    assertThat(FreePorts.isListening(settings.port())).isFalse();
    assertThat(FreePorts.isListening(settings.controllerPort())).isFalse();
    // A stopped thread may still be alive for a moment after it signalled its shutdown.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Set<Thread> leftOver = brokerThreads();
              leftOver.removeAll(threadsBefore);
              assertThat(leftOver)
                  .as("request handler and raft threads of the stopped broker")
                  .isEmpty();
            });
  }

  @Test
  void restartOnTheSameDataDirectoryKeepsTopicsAndRecordsUnlessFresh() throws Exception {
    BrokerSettings settings =
        new BrokerSettings(FreePorts.next(), FreePorts.next(), dataDir, false);
    try (LocalKafkaBroker broker = new LocalKafkaBroker(settings).start()) {
      TopicInitializer.createMissing(broker.bootstrapServers(), TOPICS);
      send(broker.bootstrapServers(), "user-2", "kept");
    }

    try (LocalKafkaBroker restarted = new LocalKafkaBroker(settings).start()) {
      assertThat(TopicInitializer.createMissing(restarted.bootstrapServers(), TOPICS)).isEmpty();
      assertThat(readAll(restarted.bootstrapServers(), 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
    }

    BrokerSettings fresh =
        new BrokerSettings(settings.port(), settings.controllerPort(), dataDir, true);
    try (LocalKafkaBroker wiped = new LocalKafkaBroker(fresh).start()) {
      assertThat(TopicInitializer.createMissing(wiped.bootstrapServers(), TOPICS))
          .containsExactlyInAnyOrder("user-events", "user-events-dlt");
    }
  }

  private static RecordMetadata send(String bootstrapServers, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      return producer
          .send(new ProducerRecord<>("user-events", key, value))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(
      String bootstrapServers, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "local-stack-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of("user-events"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    return records;
  }

  private static Map<String, Integer> partitionCounts(String bootstrapServers) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(Set.of("user-events", "user-events-dlt"))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);
      return Map.of(
          "user-events", topics.get("user-events").partitions().size(),
          "user-events-dlt", topics.get("user-events-dlt").partitions().size());
    }
  }

  /** Live request-handler and raft threads of any broker in this JVM. */
  private static Set<Thread> brokerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            thread ->
                thread.getName().contains("kafka-request-handler")
                    || thread.getName().contains("raft-io"))
        .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
  }
}
