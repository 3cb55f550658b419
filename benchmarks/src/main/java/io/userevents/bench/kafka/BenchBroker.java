package io.userevents.bench.kafka;

import io.userevents.bench.process.MeasuredProcess;
import io.userevents.localstack.FileTree;
import io.userevents.localstack.LocalKafkaBroker;
import io.userevents.localstack.LocalKafkaBroker.BrokerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The one KRaft broker of a harness run, in this JVM: local-stack's {@link LocalKafkaBroker} (the
 * broker {@code ./run-local} runs) on free ports and a fresh temporary directory. Every row and its
 * baseline run on it, with topics of {@value #PARTITIONS} partitions; this class adds the topic,
 * offset and group operations the rows need.
 */
public final class BenchBroker implements AutoCloseable {

  /** Partitions of every topic the harness uses (the production topic has 3). */
  public static final int PARTITIONS = 3;

  private final LocalKafkaBroker broker;
  private final Path dataDir;
  private final Admin admin;

  private BenchBroker(LocalKafkaBroker broker, Path dataDir) {
    this.broker = broker;
    this.dataDir = dataDir;
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  /**
   * Heartbeat interval of the consumer rebalance protocol (KIP-848) on this broker. Kafka's default
   * is 5 s, and a member learns of partitions freed for it only on its next heartbeat: a freshly
   * started consumer-service (3 members) then leaves 2 of the 3 partitions unconsumed for 5-10 s,
   * which would dominate a drain measured in seconds. Rows 4-5 measure throughput, so the harness
   * broker converges in about a second; the README reports the start-up effect separately.
   */
  public static final int CONSUMER_HEARTBEAT_MS = LocalKafkaBroker.CONSUMER_HEARTBEAT_MS;

  /**
   * Starts a single-node KRaft broker on free ports, with its data in a new temporary directory.
   */
  public static BenchBroker start() {
    try {
      Path dataDir = Files.createTempDirectory("bench-kafka");
      BrokerSettings settings =
          new BrokerSettings(MeasuredProcess.freePort(), MeasuredProcess.freePort(), dataDir, true);
      return new BenchBroker(new LocalKafkaBroker(settings).start(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the broker", e);
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public Admin admin() {
    return admin;
  }

  /** Creates the topic with {@value #PARTITIONS} partitions, first deleting any old one. */
  public void recreateTopic(String topic) throws Exception {
    deleteTopic(topic);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        break;
      } catch (ExecutionException e) {
        // Deletion is asynchronous: the name may still be taken for a moment.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
    awaitLeaders(topic);
  }

  /** Deletes the topic if it exists. */
  public void deleteTopic(String topic) throws Exception {
    try {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (admin.listTopics().names().get().contains(topic) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** Log end offset of every partition of the topic. */
  public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    return offsets(topic, OffsetSpec.latest());
  }

  /** Sum of the log end offsets of the topic's partitions. */
  public long totalEndOffset(String topic) throws Exception {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Offsets the group committed on the topic (absent partitions: none committed). */
  public Map<TopicPartition, Long> committedOffsets(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> result = new HashMap<>();
    committed.forEach(
        (tp, om) -> {
          if (om != null && tp.topic().equals(topic)) {
            result.put(tp, om.offset());
          }
        });
    return result;
  }

  /** How far the group is behind the end of the topic, summed over partitions. */
  public long lag(String group, String topic) throws Exception {
    Map<TopicPartition, Long> committed = committedOffsets(group, topic);
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
      lag += end.getValue() - committed.getOrDefault(end.getKey(), 0L);
    }
    return lag;
  }

  /** Forgets the group's committed offsets, so that it next starts from the beginning. */
  public void deleteGroup(String group) throws Exception {
    boolean exists =
        admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
            .anyMatch(listing -> listing.groupId().equals(group));
    if (!exists) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupIdNotFoundException) {
          return;
        }
        // A group whose members have not timed out yet is not empty: wait for it.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
    Set<TopicPartition> partitions = partitions(topic);
    Map<TopicPartition, ListOffsetsResultInfo> infos =
        admin
            .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
            .all()
            .get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> result = new HashMap<>();
    infos.forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  private Set<TopicPartition> partitions(String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .collect(Collectors.toSet());
  }

  private void awaitLeaders(String topic) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        boolean ready =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // not yet known to the controller
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no leaders for " + topic);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    broker.close();
    FileTree.delete(dataDir);
  }
}
