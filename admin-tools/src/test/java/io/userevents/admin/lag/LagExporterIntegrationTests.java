package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.Records;
import io.userevents.testsupport.kafka.MultiBrokerCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lag --serve} against real brokers, read over HTTP as Prometheus would. Rounds every 200
 * ms, stalled after 2 rounds without a commit.
 */
class LagExporterIntegrationTests {

  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static String bootstrap;
  private static String stalledTopic;
  private static String stalledGroup;
  private static String caughtUpTopic;
  private static String caughtUpGroup;
  private static String idleTopic;
  private static String idleGroup;
  private static RunningExporter exporter;

  @BeforeAll
  static void givenAStalledACaughtUpAndAnIdleGroup() {
    bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    stalledTopic = topic("stalled");
    stalledGroup = EmbeddedClusters.unique("stalled-group");
    Records.send(bootstrap, stalledTopic, 0, 10, System.currentTimeMillis() - 60_000);
    Records.commit(bootstrap, stalledGroup, Map.of(new TopicPartition(stalledTopic, 0), 4L));

    caughtUpTopic = topic("caught-up");
    caughtUpGroup = EmbeddedClusters.unique("caught-up-group");
    Records.send(bootstrap, caughtUpTopic, 0, 5, System.currentTimeMillis());
    Records.commit(bootstrap, caughtUpGroup, Map.of(new TopicPartition(caughtUpTopic, 0), 5L));

    // The producer went quiet an hour ago; the group read everything it wrote.
    idleTopic = topic("idle");
    idleGroup = EmbeddedClusters.unique("idle-group");
    Records.send(bootstrap, idleTopic, 0, 3, System.currentTimeMillis() - 3_600_000);
    Records.commit(bootstrap, idleGroup, Map.of(new TopicPartition(idleTopic, 0), 3L));

    exporter =
        new RunningExporter(
            bootstrap,
            List.of(stalledGroup, caughtUpGroup, idleGroup),
            INTERVAL,
            Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopExporter() {
    exporter.close();
  }

  @Test
  void flagsAGroupWhoseCommittedOffsetStaysWhileRecordsWait() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(value(exporter.metrics(), "stalled", stalledGroup, stalledTopic))
                    .isEqualTo(1));

    String metrics = exporter.metrics();
    assertThat(value(metrics, "lag", stalledGroup, stalledTopic)).isEqualTo(6);
    assertThat(value(metrics, "lag_seconds", stalledGroup, stalledTopic)).isGreaterThan(50);
    assertThat(metrics).contains("kafka_admin_lag_up 1");
  }

  @Test
  void reportsZeroSecondsAndNoStallForACaughtUpGroup() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(exporter.metrics()).contains(labels(caughtUpGroup, caughtUpTopic)));
    // Past --stall-after rounds, a caught-up group still is not stalled.
    String later = metricsAfterRounds(3);
    assertThat(value(later, "lag", caughtUpGroup, caughtUpTopic)).isZero();
    assertThat(value(later, "lag_seconds", caughtUpGroup, caughtUpTopic)).isZero();
    assertThat(value(later, "stalled", caughtUpGroup, caughtUpTopic)).isZero();
  }

  @Test
  void reportsZeroSecondsForAGroupWhoseProducerWentIdle() {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(exporter.metrics()).contains(labels(idleGroup, idleTopic)));
    String later = metricsAfterRounds(3);
    assertThat(value(later, "lag_seconds", idleGroup, idleTopic)).isZero();
    assertThat(value(later, "stalled", idleGroup, idleTopic)).isZero();
  }

  @Test
  void servesHealthUpAndThePartitionHealthOfTheClusterWhileItAnswers() {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(exporter.get("/health").statusCode()).isEqualTo(200));
    assertThat(exporter.get("/health").body()).contains("UP");
    assertThat(exporter.metrics())
        .contains("kafka_admin_cluster_brokers 1")
        .contains("kafka_admin_cluster_under_min_isr_partitions 0")
        .contains("kafka_admin_cluster_offline_partitions 0");
  }

  @Test
  void reportsUnknownWhileTheBrokerIsDownAndFreshValuesAfterItsRestart() {
    try (MultiBrokerCluster cluster = MultiBrokerCluster.start(1)) {
      String topic = EmbeddedClusters.unique("restart");
      String group = EmbeddedClusters.unique("restart-group");
      try (var admin = EmbeddedClusters.admin(cluster.bootstrapServers())) {
        admin
            .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
            .all()
            .get();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      Records.send(cluster.bootstrapServers(), topic, 0, 10, System.currentTimeMillis());
      Records.commit(cluster.bootstrapServers(), group, Map.of(new TopicPartition(topic, 0), 4L));
      try (RunningExporter served =
          new RunningExporter(
              cluster.bootstrapServers(), List.of(group), INTERVAL, Duration.ofSeconds(3))) {
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(value(served.metrics(), "lag", group, topic)).isEqualTo(6));

        cluster.stopBroker(0);
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  String metrics = served.metrics();
                  assertThat(metrics).contains("kafka_admin_lag_up 0");
                  assertThat(metrics).doesNotContain("kafka_admin_consumergroup_");
                  assertThat(served.get("/health").statusCode()).isEqualTo(503);
                });

        cluster.restartBroker(0);
        Records.commit(cluster.bootstrapServers(), group, Map.of(new TopicPartition(topic, 0), 8L));
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  String metrics = served.metrics();
                  assertThat(metrics).contains("kafka_admin_lag_up 1");
                  assertThat(value(metrics, "lag", group, topic)).isEqualTo(2);
                });
        assertThat(served.get("/health").statusCode()).isEqualTo(200);
      }
    }
  }

  /** Metrics once the exporter finished {@code rounds} more rounds. */
  private static String metricsAfterRounds(int rounds) {
    double start = roundTimestamp(exporter.metrics());
    await()
        .atMost(WAIT)
        .until(
            () ->
                roundTimestamp(exporter.metrics())
                    >= start + rounds * INTERVAL.toMillis() / 1000.0);
    return exporter.metrics();
  }

  private static double roundTimestamp(String metrics) {
    Matcher m =
        Pattern.compile("(?m)^kafka_admin_lag_round_timestamp_seconds (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String topic(String prefix) {
    String topic = EmbeddedClusters.unique(prefix);
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), topic, 1);
    return topic;
  }

  private static String labels(String group, String topic) {
    return LagRenderer.partitionLabels(group, topic, 0);
  }

  /** The sample's value, or fails when the sample is missing. */
  private static double value(String metrics, String metric, String group, String topic) {
    String sample = LagRenderer.PREFIX + metric + "{" + labels(group, topic) + "} ";
    for (String line : metrics.split("\n")) {
      if (line.startsWith(sample)) {
        return Double.parseDouble(line.substring(sample.length()));
      }
    }
    throw new AssertionError("no sample " + sample + "in\n" + metrics);
  }
}
