package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cli.Json;
import io.userevents.admin.lag.PartitionLag.PartitionState;
import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.Records;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lag against a real broker. Partition 0 holds 10 records with timestamps T0, T0+1s, ..., the group
 * committed offset 4 there (lag 6, next record written at T0+4s); partition 1 holds 4 records,
 * committed 4 (caught up); partition 2 holds 6 records and no commit. The clock reads T0+4s+90s.
 */
class LagIntegrationTests {

  // Recent, so that the broker's time-based retention (7 days) never deletes the test records.
  private static final long T0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)).toEpochMilli();
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(T0 + 4_000 + 90_000), ZoneOffset.UTC);

  private static String bootstrap;
  private static String topic;
  private static String group;

  @BeforeAll
  static void givenAGroupWithKnownCommittedOffsets() {
    bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    topic = EmbeddedClusters.unique("lag");
    group = EmbeddedClusters.unique("group");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), topic, 3);
    Records.send(bootstrap, topic, 0, 10, T0);
    Records.send(bootstrap, topic, 1, 4, T0);
    Records.send(bootstrap, topic, 2, 6, T0);
    Records.commit(
        bootstrap,
        group,
        Map.of(new TopicPartition(topic, 0), 4L, new TopicPartition(topic, 1), 4L));
  }

  @Test
  void computesOffsetLagAndTimeLagFromTheRecordAtTheCommittedOffset() {
    ClientSettings settings = ClientSettings.of(bootstrap, Duration.ofSeconds(30));
    List<GroupLag> groups;
    try (Admin admin = settings.admin();
        Consumer<byte[], byte[]> reader = settings.consumer(null)) {
      groups = new LagService(admin, reader, CLOCK, Duration.ofSeconds(30)).lag(List.of(group));
    }

    assertThat(groups).hasSize(1);
    GroupLag lag = groups.get(0);
    assertThat(lag.state()).isEqualTo("EMPTY");
    assertThat(lag.partitions())
        .extracting(
            PartitionLag::partition,
            PartitionLag::currentOffset,
            PartitionLag::logEndOffset,
            PartitionLag::lag,
            PartitionLag::lagMillis,
            PartitionLag::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 4L, 10L, 6L, 90_000L, PartitionState.OK),
            org.assertj.core.groups.Tuple.tuple(1, 4L, 4L, 0L, 0L, PartitionState.OK));
  }

  @Test
  void tableMatchesKafkaConsumerGroupsDescribe() {
    List<List<String>> ours = rows(lag().out(), 11);
    List<List<String>> kafkas = rows(kafkaConsumerGroupsDescribe(), 9);

    assertThat(ours).hasSize(2);
    assertThat(ours.stream().map(r -> r.subList(0, 6)).toList())
        .containsExactlyInAnyOrderElementsOf(kafkas.stream().map(r -> r.subList(0, 6)).toList());
    assertThat(ours.get(0).get(6)).isEqualTo("90.0");
    assertThat(ours.get(1).get(6)).isEqualTo("0.0");
    assertThat(ours.get(0).subList(7, 10)).containsExactly("-", "-", "-");
  }

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource({
    "'', 0, LAG OK",
    "--warn-lag=100 --crit-lag=200 --warn-seconds=100 --crit-seconds=200, 0, LAG OK",
    "--warn-lag=5, 1, LAG WARNING",
    "--warn-lag=5 --crit-lag=6, 1, LAG WARNING",
    "--warn-lag=1 --crit-lag=5, 2, LAG CRITICAL",
    "--warn-seconds=60, 1, LAG WARNING",
    "--warn-seconds=60 --crit-seconds=89, 2, LAG CRITICAL",
    "--crit-seconds=90, 0, LAG OK",
  })
  void exitsWithTheNagiosCodeOfTheWorstPartition(String thresholds, int exitCode, String line) {
    List<String> args = new ArrayList<>();
    if (!thresholds.isBlank()) {
      args.addAll(List.of(thresholds.split(" ")));
    }
    CliRun run = lag(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    assertThat(run.out()).contains(line);
  }

  @Test
  void reportsUnknownForAGroupThatDoesNotExist() {
    CliRun run =
        CliRun.run(
            Map.of(), CLOCK, "lag", "--group", "no-such-group", "--bootstrap-server", bootstrap);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("Group no-such-group: NOT_FOUND", "LAG UNKNOWN");
    assertThat(run.err()).contains("UNKNOWN: group no-such-group does not exist");
  }

  @Test
  void printsPrometheusTextExposition() {
    CliRun run = lag("-o", "prometheus", "--warn-lag", "5");

    assertThat(run.exitCode()).isEqualTo(1);
    String labels = "group=\"" + group + "\",topic=\"" + topic + "\",partition=\"0\"";
    assertThat(run.out())
        .contains("# TYPE kafka_admin_consumergroup_lag gauge")
        .contains("kafka_admin_consumergroup_lag{" + labels + "} 6")
        .contains("kafka_admin_consumergroup_lag_seconds{" + labels + "} 90.000")
        .contains("kafka_admin_consumergroup_current_offset{" + labels + "} 4")
        .contains("kafka_admin_consumergroup_log_end_offset{" + labels + "} 10")
        .contains("kafka_admin_consumergroup_state{group=\"" + group + "\",state=\"EMPTY\"} 1")
        .contains("kafka_admin_consumergroup_status{group=\"" + group + "\"} 1")
        .contains("kafka_admin_lag_check_status 1");
  }

  @Test
  void printsOneJsonDocument() throws Exception {
    CliRun run = lag("-o", "json", "--crit-lag", "5");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode document = Json.mapper().readTree(run.out());
    assertThat(document.get("status").asText()).isEqualTo("CRITICAL");
    assertThat(document.get("exitCode").asInt()).isEqualTo(2);
    JsonNode partition = document.get("groups").get(0).get("partitions").get(0);
    assertThat(partition.get("lag").asLong()).isEqualTo(6);
    assertThat(partition.get("lagSeconds").asDouble()).isEqualTo(90.0);
    assertThat(partition.get("consumerId").isNull()).isTrue();
  }

  @Test
  void showsMembersAndNoCommitForAnActiveGroup() {
    String activeTopic = EmbeddedClusters.unique("active");
    String activeGroup = EmbeddedClusters.unique("active-group");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), activeTopic, 2);
    Records.send(bootstrap, activeTopic, 0, 3, System.currentTimeMillis());
    try (KafkaConsumer<byte[], byte[]> consumer = Records.consumer(bootstrap, activeGroup)) {
      consumer.subscribe(List.of(activeTopic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 2;
              });
      consumer.commitSync(
          Map.of(
              new TopicPartition(activeTopic, 0),
              new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)));

      CliRun run =
          CliRun.run("lag", "-g", activeGroup, "--bootstrap-server", bootstrap, "-o", "json");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      JsonNode groupNode = Json.mapper().readTree(run.out()).get("groups").get(0);
      assertThat(groupNode.get("state").asText()).isEqualTo("STABLE");
      assertThat(groupNode.get("members").asInt()).isEqualTo(1);
      JsonNode p0 = groupNode.get("partitions").get(0);
      JsonNode p1 = groupNode.get("partitions").get(1);
      assertThat(p0.get("lag").asLong()).isEqualTo(2);
      assertThat(p0.get("consumerId").asText()).isNotBlank();
      assertThat(p0.get("clientId").asText()).isNotBlank();
      assertThat(p0.get("host").asText()).contains("127.0.0.1");
      assertThat(p1.get("state").asText()).isEqualTo("NO_COMMIT");
      assertThat(p1.get("currentOffset").isNull()).isTrue();
      assertThat(p1.get("consumerId").asText()).isEqualTo(p0.get("consumerId").asText());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void listsEveryGroupWithAllGroups() {
    CliRun run =
        CliRun.run(Map.of(), CLOCK, "lag", "--all-groups", "--bootstrap-server", bootstrap);

    assertThat(run.out()).contains("Group " + group + ": EMPTY");
  }

  private static CliRun lag(String... args) {
    List<String> full =
        new ArrayList<>(List.of("lag", "--group", group, "--bootstrap-server", bootstrap));
    full.addAll(List.of(args));
    return CliRun.run(Map.of(), CLOCK, full.toArray(String[]::new));
  }

  /** Data rows of a whitespace-aligned table whose first column is the group. */
  private static List<List<String>> rows(String table, int columns) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : table.split("\n")) {
      List<String> cells = List.of(line.trim().split("\\s+"));
      if (cells.size() == columns && cells.get(0).equals(group)) {
        rows.add(cells);
      }
    }
    return rows;
  }

  private static String kafkaConsumerGroupsDescribe() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      ConsumerGroupCommand.main(
          new String[] {"--bootstrap-server", bootstrap, "--describe", "--group", group});
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
