package io.userevents.producer.fault;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft cluster of several brokers and one separate controller, on the Kafka test kit that {@code
 * EmbeddedKafkaKraftBroker} wraps. That class runs every node as a combined broker+controller, and
 * with three combined voters the Kafka 4.1 quorum fails (UpdateVoter "unexpected invalid request
 * error"); a single controller avoids that and lets a test stop a broker while the cluster keeps
 * its controller. A copy of admin-tools' test cluster, with the cluster-wide {@code
 * min.insync.replicas} as a parameter and controlled shutdown off, so that a stopped broker fails
 * the way a crashed one does.
 */
final class MultiBrokerCluster implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private MultiBrokerCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Starts the brokers (ids 0 to brokers - 1) and waits until all are ready. */
  static MultiBrokerCluster start(int brokers, int minInsyncReplicas) {
    try {
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(false)
                  .setNumBrokerNodes(brokers)
                  .setNumControllerNodes(1)
                  .build());
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      builder.setConfigProp("auto.create.topics.enable", "false");
      builder.setConfigProp("controlled.shutdown.enable", "false");
      builder.setConfigProp("min.insync.replicas", String.valueOf(minInsyncReplicas));
      builder.setConfigProp("offsets.topic.replication.factor", String.valueOf(brokers));
      builder.setConfigProp("transaction.state.log.replication.factor", String.valueOf(brokers));
      builder.setConfigProp("transaction.state.log.min.isr", "1");
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new MultiBrokerCluster(kit);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a " + brokers + "-broker cluster", e);
    }
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /**
   * Stops one broker without a controlled shutdown: it drops its connections and leaves without
   * telling the controller, which notices only when its heartbeats stop ({@code
   * broker.session.timeout.ms}, 9 s by default), then fences it and elects new leaders from the
   * in-sync replicas. To the controller and the clients that is a crash.
   */
  void stopBroker(int id) {
    kit.brokers().get(id).shutdown();
    kit.brokers().get(id).awaitShutdown();
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
