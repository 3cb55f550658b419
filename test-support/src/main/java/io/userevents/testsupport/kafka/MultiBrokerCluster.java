package io.userevents.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft cluster of several brokers and one separate controller, built on the Kafka test kit that
 * {@code EmbeddedKafkaKraftBroker} wraps. That class runs every node as a combined
 * broker+controller, and with three combined voters the Kafka 4.1 quorum fails ("Received
 * unexpected invalid request error" on UpdateVoter); a single controller avoids that and lets a
 * test stop one broker while the cluster keeps its controller.
 */
public final class MultiBrokerCluster implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private MultiBrokerCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Starts the brokers (ids 0 to brokers - 1) with the default settings and waits until ready. */
  public static MultiBrokerCluster start(int brokers) {
    return start(brokers, Map.of());
  }

  /**
   * Starts the brokers (ids 0 to brokers - 1) with {@code brokerConfig} on top of the defaults
   * (internal topics replicated to every broker, no automatic topic creation) and waits until they
   * are ready. With {@code controlled.shutdown.enable=false}, {@link #stopBroker} is a crash.
   */
  public static MultiBrokerCluster start(int brokers, Map<String, String> brokerConfig) {
    try {
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(false)
                  .setNumBrokerNodes(brokers)
                  .setNumControllerNodes(1)
                  .build());
      Map<String, String> config = new LinkedHashMap<>();
      config.put("group.initial.rebalance.delay.ms", "0");
      config.put("auto.create.topics.enable", "false");
      config.put("offsets.topic.replication.factor", String.valueOf(brokers));
      config.put("transaction.state.log.replication.factor", String.valueOf(brokers));
      config.put("transaction.state.log.min.isr", "1");
      config.putAll(brokerConfig);
      config.forEach(builder::setConfigProp);
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new MultiBrokerCluster(kit);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a " + brokers + "-broker cluster", e);
    }
  }

  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /**
   * Waits until every broker has applied all the metadata the controller has committed so far.
   * Admin calls are acknowledged once the controller committed the change, but each broker applies
   * it a moment later, and a client may ask any broker; after this, every broker answers with the
   * change. For clusters whose brokers all run.
   */
  public void awaitMetadataOnEveryBroker() {
    long committed =
        kit.controllers().values().stream()
            .map(c -> c.sharedServer().raftManager().client().highWatermark())
            .filter(OptionalLong::isPresent)
            .mapToLong(OptionalLong::getAsLong)
            .max()
            .orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kit.brokers().values().stream()
                    .allMatch(b -> b.sharedServer().loader().lastAppliedOffset() >= committed - 1));
  }

  /**
   * Stops one broker (ids start at 0). With controlled shutdown (the default) it hands its
   * leaderships over first; with {@code controlled.shutdown.enable=false} it drops its connections
   * and leaves without telling the controller, which notices only when its heartbeats stop ({@code
   * broker.session.timeout.ms}, 9 s by default), then fences it and elects new leaders from the
   * in-sync replicas: to the controller and the clients, a crash.
   */
  public void stopBroker(int id) {
    kit.brokers().get(id).shutdown();
    kit.brokers().get(id).awaitShutdown();
  }

  /**
   * Starts a stopped broker again. The test kit pre-binds every listener port, so the broker comes
   * back on the port clients already know.
   */
  public void restartBroker(int id) {
    try {
      kit.brokers().get(id).startup();
    } catch (Exception e) {
      throw new IllegalStateException("cannot restart broker " + id, e);
    }
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the cluster", e);
    }
  }
}
