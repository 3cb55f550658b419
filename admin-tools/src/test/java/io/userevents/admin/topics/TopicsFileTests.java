package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.admin.cli.CliException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsFileTests {

  private static DesiredState parse(String yaml, Map<String, String> env) {
    return new TopicsFile(env).parse(new StringReader(yaml), "test.yaml");
  }

  @Test
  void shippedFileDeclaresBothTopicsWithProductionValues() {
    DesiredState desired = new TopicsFile(Map.of()).load(Path.of("topics.yaml"));

    assertThat(desired.topics())
        .extracting(TopicSpec::name)
        .containsExactly("user-events", "user-events-dlt");
    assertThat(desired.topics())
        .allSatisfy(
            topic -> {
              assertThat(topic.partitions()).isEqualTo(3);
              assertThat(topic.replicationFactor()).isEqualTo(3);
              assertThat(topic.configs())
                  .containsEntry("min.insync.replicas", "2")
                  .containsEntry("cleanup.policy", "delete")
                  .containsKeys("retention.ms", "compression.type");
            });
  }

  @Test
  void shippedFileTakesReplicationSettingsFromTheEnvironment() {
    DesiredState desired =
        new TopicsFile(Map.of("TOPICS_REPLICATION_FACTOR", "1", "TOPICS_MIN_INSYNC_REPLICAS", "1"))
            .load(Path.of("topics.yaml"));

    assertThat(desired.topics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo(1);
              assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
            });
  }

  @Test
  void readsListsAndScalarsAsConfigText() {
    DesiredState desired =
        parse(
            """
            topics:
              - name: t
                partitions: 1
                configs:
                  cleanup.policy: [compact, delete]
                  min.cleanable.dirty.ratio: 0.5
                  unclean.leader.election.enable: false
            """,
            Map.of());

    TopicSpec topic = desired.topics().get(0);
    assertThat(topic.replicationFactor()).isNull();
    assertThat(topic.configs())
        .containsEntry("cleanup.policy", "compact,delete")
        .containsEntry("min.cleanable.dirty.ratio", "0.5")
        .containsEntry("unclean.leader.election.enable", "false");
  }

  @Test
  void rejectsUnknownKeysSoTyposAreNotIgnored() {
    assertThatThrownBy(
            () ->
                parse(
                    "topics:\n  - name: t\n    partitions: 1\n    replicationfactor: 3\n",
                    Map.of()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("unknown keys [replicationfactor]");
  }

  @Test
  void rejectsArbitraryTypeTags() {
    String yaml =
        "topics:\n  - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://127.0.0.1/\"]]]]\n";

    assertThatThrownBy(() -> parse(yaml, Map.of()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void rejectsDuplicatesInternalNamesAndMissingVariables() {
    assertThatThrownBy(
            () ->
                parse(
                    "topics:\n  - {name: t, partitions: 1}\n  - {name: t, partitions: 2}\n",
                    Map.of()))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () -> parse("topics:\n  - {name: __consumer_offsets, partitions: 1}\n", Map.of()))
        .hasMessageContaining("internal topics");
    assertThatThrownBy(() -> parse("topics:\n  - {name: t, partitions: '${PARTS}'}\n", Map.of()))
        .hasMessageContaining("PARTS is not set");
    assertThatThrownBy(() -> parse("topics:\n  - {name: t, partitions: 0}\n", Map.of()))
        .hasMessageContaining("must be at least 1");
  }
}
