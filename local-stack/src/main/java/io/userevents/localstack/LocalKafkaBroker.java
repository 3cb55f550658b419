package io.userevents.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), run in this JVM
 * from Kafka's own jars: the same {@code server.properties} + {@code kafka-storage format} + {@code
 * KafkaRaftServer} sequence that {@code bin/kafka-server-start.sh} goes through. {@code
 * ./run-local} runs the pipeline on it, and the benchmarks their rows.
 *
 * <p>The data directory survives a restart (topics and records are kept) unless the broker was
 * created with {@code fresh = true}, which wipes it first.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  /**
   * Heartbeat interval of the consumer rebalance protocol (KIP-848), in milliseconds. With Kafka's
   * 5 s default we measured 0.7-4.6 s from POST to applied on idle partitions (kafka-clients 4.1
   * fetches late between heartbeats), and a member learns of partitions freed for it only on its
   * next heartbeat; 500 ms keeps a local POST -> GET well under 1 s.
   */
  public static final int CONSUMER_HEARTBEAT_MS = 500;

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final String CLUSTER_ID = "dXNlci1ldmVudHMtbG9jYQ";

  private final BrokerSettings settings;
  private KafkaRaftServer server;

  public LocalKafkaBroker(BrokerSettings settings) {
    this.settings = settings;
  }

  /** Formats the storage when needed and starts the broker; returns once it serves requests. */
  public synchronized LocalKafkaBroker start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    if (settings.fresh()) {
      FileTree.delete(settings.dataDir());
    }
    Files.createDirectories(settings.logDir());
    Path config = writeServerProperties();
    format(config);
    KafkaRaftServer raftServer =
        new KafkaRaftServer(KafkaConfig.fromProps(serverProperties(), false), Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
    log.info("Kafka broker up on {} (data in {})", bootstrapServers(), settings.dataDir());
    return this;
  }

  public String bootstrapServers() {
    return "localhost:" + settings.port();
  }

  BrokerSettings settings() {
    return settings;
  }

  /** Stops the broker and waits until its threads and ports are released. Idempotent. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    KafkaRaftServer stopping = server;
    server = null;
    stopping.shutdown();
    stopping.awaitShutdown();
    log.info("Kafka broker on localhost:{} stopped", settings.port());
  }

  Properties serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@localhost:" + settings.controllerPort());
    p.setProperty(
        "listeners",
        "PLAINTEXT://localhost:"
            + settings.port()
            + ",CONTROLLER://localhost:"
            + settings.controllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + settings.port());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", settings.logDir().toAbsolutePath().toString());
    p.setProperty("num.partitions", "3");
    // One node: internal topics cannot have more than one replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    // consumer-service uses the KIP-848 "consumer" group protocol: see CONSUMER_HEARTBEAT_MS.
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "250");
    p.setProperty("group.consumer.heartbeat.interval.ms", String.valueOf(CONSUMER_HEARTBEAT_MS));
    p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    return p;
  }

  private Path writeServerProperties() throws IOException {
    Path file = settings.dataDir().resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      serverProperties().store(out, "Generated by local-stack; rewritten at every start");
    }
    return file;
  }

  /** {@code kafka-storage format --ignore-formatted}: a no-op for an already formatted dir. */
  private void format(Path config) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                CLUSTER_ID,
                "--config",
                config.toString(),
                "--ignore-formatted"
              },
              out);
    }
    String printed = output.toString(StandardCharsets.UTF_8).strip();
    if (exit != 0) {
      throw new IllegalStateException("kafka-storage format failed: " + printed);
    }
    log.debug("kafka-storage format: {}", printed);
  }

  /**
   * Where and how the broker runs.
   *
   * @param port the client (PLAINTEXT) port
   * @param controllerPort the KRaft controller's port
   * @param dataDir holds the generated {@code server.properties} and the logs
   * @param fresh whether to wipe {@code dataDir} before starting
   */
  public record BrokerSettings(int port, int controllerPort, Path dataDir, boolean fresh) {

    Path logDir() {
      return dataDir.resolve("kraft-logs");
    }
  }
}
