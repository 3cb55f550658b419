package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userevents.admin.cli.Json;
import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.testsupport.kafka.MultiBrokerCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** topics plan / apply / describe against a real 3-broker KRaft cluster. */
class TopicsIntegrationTests {

  private static MultiBrokerCluster cluster;
  private static Admin admin;
  private static String bootstrap;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() {
    cluster = MultiBrokerCluster.start(3);
    bootstrap = cluster.bootstrapServers();
    admin = EmbeddedClusters.admin(bootstrap);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    admin.close();
    cluster.close();
  }

  @Test
  void appliesShippedTopicsFileToEmptyClusterAndReapplyingChangesNothing() throws Exception {
    Path shipped = Path.of("topics.yaml");

    CliRun plan =
        cli("topics", "plan", "-f", shipped.toString(), "--skip-acls", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out())
        .contains("+ create user-events (partitions 3, replication factor 3)")
        .contains("+ create user-events-dlt (partitions 3, replication factor 3)")
        .contains("Plan: 2 to create, 0 to add partitions, 0 to alter configs, 0 to delete.");

    CliRun apply = cli("topics", "apply", "-f", shipped.toString(), "--skip-acls");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out())
        .contains("ok      create user-events", "ok      create user-events-dlt");

    TopicDescription events = describe("user-events");
    assertThat(events.partitions()).hasSize(3);
    assertThat(events.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
    assertThat(overrides("user-events"))
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("retention.ms", "604800000")
        .containsEntry("compression.type", "lz4")
        .containsEntry("cleanup.policy", "delete");
    assertThat(overrides("user-events-dlt")).containsEntry("retention.ms", "2419200000");

    CliRun replan =
        cli("topics", "plan", "-f", shipped.toString(), "--skip-acls", "--detailed-exitcode");
    assertThat(replan.exitCode()).as(replan.toString()).isZero();
    assertThat(replan.out()).contains("No changes. The cluster matches");

    CliRun reapply = cli("topics", "apply", "-f", shipped.toString(), "--skip-acls", "-o", "json");
    assertThat(reapply.exitCode()).as(reapply.toString()).isZero();
    JsonNode document = Json.mapper().readTree(reapply.out());
    assertThat(document.get("changesPending").asBoolean()).isFalse();
    assertThat(document.get("applied")).isEmpty();
  }

  @Test
  void detectsConfigDriftAndApplyRestoresTheDeclaredOverrides() throws Exception {
    String topic = EmbeddedClusters.unique("drift");
    Path file =
        write(
            topic,
            3,
            "      retention.ms: 86400000\n      cleanup.policy: delete\n      min.insync.replicas: 2\n");
    assertThat(cli("topics", "apply", "-f", file.toString()).exitCode()).isZero();

    // Someone changes the topic by hand: one override changed, one added.
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    admin
        .incrementalAlterConfigs(
            Map.of(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(
                        new ConfigEntry("segment.bytes", "1048576"), AlterConfigOp.OpType.SET))))
        .all()
        .get(30, TimeUnit.SECONDS);
    cluster.awaitMetadataOnEveryBroker();
    assertThat(overrides(topic))
        .containsEntry("retention.ms", "1000")
        .containsEntry("segment.bytes", "1048576");

    CliRun plan = cli("topics", "plan", "-f", file.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ configs " + topic)
        .contains("~ retention.ms = 1000 -> 86400000")
        .contains("- segment.bytes = 1048576 (override removed; the broker default applies)")
        .doesNotContain("+ create");

    CliRun apply = cli("topics", "apply", "-f", file.toString());
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(overrides(topic))
        .containsEntry("retention.ms", "86400000")
        .doesNotContainKey("segment.bytes");
    assertThat(cli("topics", "plan", "-f", file.toString(), "--detailed-exitcode").exitCode())
        .isZero();
  }

  @Test
  void refusesToDecreasePartitionsAndChangesNothing() throws Exception {
    String topic = EmbeddedClusters.unique("shrink");
    assertThat(cli("topics", "apply", "-f", write(topic, 3, "").toString()).exitCode()).isZero();
    Path fewer = write(topic, 2, "      retention.ms: 3600000\n");

    CliRun plan = cli("topics", "plan", "-f", fewer.toString());
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.err()).contains("refused: " + topic + ": partitions 3 -> 2 refused");
    assertThat(plan.err()).contains("Kafka cannot remove partitions");

    CliRun apply = cli("topics", "apply", "-f", fewer.toString());
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.err()).contains("nothing was applied");
    assertThat(describe(topic).partitions()).hasSize(3);
    assertThat(overrides(topic)).doesNotContainKey("retention.ms");
  }

  @Test
  void addsPartitionsAndWarnsThatKeysMove() throws Exception {
    String topic = EmbeddedClusters.unique("grow");
    assertThat(cli("topics", "apply", "-f", write(topic, 3, "").toString()).exitCode()).isZero();

    CliRun apply = cli("topics", "apply", "-f", write(topic, 5, "").toString());

    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("~ partitions " + topic + ": 3 -> 5");
    assertThat(apply.err()).contains("adding partitions changes which partition a key hashes to");
    assertThat(describe(topic).partitions()).hasSize(5);
  }

  @Test
  void deletesUnlistedTopicsOnlyWithAllowDeleteAndOnlyInsideTheManagedPrefix() throws Exception {
    String prefix = EmbeddedClusters.unique("del") + "-";
    String kept = prefix + "kept";
    String dropped = prefix + "dropped";
    Path both = dir.resolve("both.yaml");
    Files.writeString(
        both,
        "topics:\n  - name: "
            + kept
            + "\n    partitions: 1\n    replicationFactor: 1\n  - name: "
            + dropped
            + "\n    partitions: 1\n    replicationFactor: 1\n");
    assertThat(cli("topics", "apply", "-f", both.toString()).exitCode()).isZero();
    Path onlyKept = dir.resolve("kept.yaml");
    Files.writeString(
        onlyKept, "topics:\n  - name: " + kept + "\n    partitions: 1\n    replicationFactor: 1\n");

    CliRun guarded = cli("topics", "apply", "-f", onlyKept.toString());
    assertThat(guarded.exitCode()).as(guarded.toString()).isZero();
    assertThat(guarded.out()).contains("No changes");
    assertThat(guarded.err()).contains("left alone", dropped, "--allow-delete deletes them");
    assertThat(topicNames()).contains(dropped);

    CliRun delete =
        cli(
            "topics",
            "apply",
            "-f",
            onlyKept.toString(),
            "--allow-delete",
            "--managed-prefix",
            prefix);
    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("- delete " + dropped).doesNotContain("user-events");
    assertThat(topicNames()).contains(kept).doesNotContain(dropped);
  }

  @Test
  void describeShowsReplicasIsrHealthFlagsAndEffectiveConfigs() throws Exception {
    String topic = EmbeddedClusters.unique("describe");
    Path file = write(topic, 2, "      retention.ms: 3600000\n      min.insync.replicas: 2\n");
    assertThat(cli("topics", "apply", "-f", file.toString()).exitCode()).isZero();

    CliRun text = cli("topics", "describe", topic);
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains("Topic: " + topic)
        .contains("PartitionCount: 2  ReplicationFactor: 3  min.insync.replicas: 2")
        .contains("UnhealthyPartitions: 0")
        .containsPattern("retention\\.ms\\s+3600000\\s+topic")
        .containsPattern("segment\\.bytes\\s+\\d+\\s+(default|broker-static)");

    CliRun json = cli("topics", "describe", topic, "-o", "json");
    JsonNode report = Json.mapper().readTree(json.out()).get("topics").get(0);
    assertThat(report.get("replicationFactor").asInt()).isEqualTo(3);
    assertThat(report.get("partitions")).hasSize(2);
    assertThat(report.get("partitions").get(0).get("isr")).hasSize(3);
    assertThat(report.get("partitions").get(0).get("flags")).isEmpty();

    CliRun missing = cli("topics", "describe", "no-such-topic");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no such topic: no-such-topic");
  }

  /**
   * Runs the CLI. After an apply, waits until every broker has the changes: apply itself waits only
   * until the broker its client asks shows them, and the next command or admin call may ask
   * another.
   */
  private CliRun cli(String... args) {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--bootstrap-server";
    full[args.length + 1] = bootstrap;
    CliRun run = CliRun.run(full);
    if (args.length > 1 && args[1].equals("apply")) {
      cluster.awaitMetadataOnEveryBroker();
    }
    return run;
  }

  private Path write(String topic, int partitions, String configs) throws Exception {
    Path file = dir.resolve(topic + "-" + partitions + ".yaml");
    String yaml =
        "topics:\n  - name: "
            + topic
            + "\n    partitions: "
            + partitions
            + "\n    replicationFactor: 3\n"
            + (configs.isEmpty() ? "" : "    configs:\n" + configs);
    Files.writeString(file, yaml);
    return file;
  }

  private static TopicDescription describe(String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .get(topic);
  }

  private static java.util.Set<String> topicNames() throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS);
  }

  private static Map<String, String> overrides(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    Map<String, String> overrides = new TreeMap<>();
    for (ConfigEntry entry : config.entries()) {
      if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
        overrides.put(entry.name(), entry.value());
      }
    }
    return overrides;
  }
}
