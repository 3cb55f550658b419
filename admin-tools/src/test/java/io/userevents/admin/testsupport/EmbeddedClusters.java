package io.userevents.admin.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real KRaft brokers for the integration tests. One single-broker cluster is shared by every test
 * class of the run (started on first use, stopped when the JVM exits); tests isolate themselves
 * with unique topic and group names.
 */
public final class EmbeddedClusters {

  private static EmbeddedKafkaKraftBroker shared;

  private EmbeddedClusters() {}

  public static synchronized EmbeddedKafkaKraftBroker shared() {
    if (shared == null) {
      shared = start(1);
      EmbeddedKafkaKraftBroker broker = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
    }
    return shared;
  }

  private static EmbeddedKafkaKraftBroker start(int brokers) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(brokers, 1);
    broker.brokerProperties(
        Map.of(
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            "offsets.topic.replication.factor", String.valueOf(brokers),
            "transaction.state.log.replication.factor", String.valueOf(brokers),
            "transaction.state.log.min.isr", "1"));
    broker.afterPropertiesSet();
    return broker;
  }

  public static Admin admin(EmbeddedKafkaKraftBroker broker) {
    return admin(broker.getBrokersAsString());
  }

  public static Admin admin(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(props);
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static void createTopic(EmbeddedKafkaKraftBroker broker, String topic, int partitions) {
    try (Admin admin = admin(broker)) {
      admin
          .createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create " + topic, e);
    }
  }
}
