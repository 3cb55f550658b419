package io.userevents.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.userevents.admin.testsupport.CliRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Command-line behaviour that needs no broker: usage errors, exit codes, error documents. */
class KafkaAdminCliTests {

  private static final String NOWHERE = "127.0.0.1:1";

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun run = CliRun.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("topics", "lag", "cluster", "dlt", "Exit codes");
  }

  @Test
  void missingCommandIsAUsageError() {
    CliRun run = CliRun.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("missing command");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.run("topics", "plan", "--frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void withoutBrokersToConnectToItSaysHowToGiveThem() {
    CliRun run = CliRun.run("topics", "plan");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("pass --bootstrap-server HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void rejectsConflictingOptionsUpFront() {
    CliRun prefixWithoutDelete =
        CliRun.run("topics", "apply", "-b", NOWHERE, "--managed-prefix", "x-");
    CliRun prometheusForTopics = CliRun.run("topics", "plan", "-b", NOWHERE, "-o", "prometheus");
    CliRun groupAndAllGroups = CliRun.run("lag", "-b", NOWHERE, "-g", "a", "--all-groups");
    CliRun warnAboveCrit =
        CliRun.run("lag", "-b", NOWHERE, "-g", "a", "--warn-lag", "10", "--crit-lag", "5");
    CliRun replayIntoItself = CliRun.run("dlt", "replay", "-b", NOWHERE, "--to", "user-events-dlt");

    assertThat(prefixWithoutDelete.exitCode()).isEqualTo(2);
    assertThat(prefixWithoutDelete.err()).contains("only makes sense with --allow-delete");
    assertThat(prometheusForTopics.exitCode()).isEqualTo(2);
    assertThat(prometheusForTopics.err()).contains("-o prometheus is not available here");
    assertThat(replayIntoItself.exitCode()).isEqualTo(2);
    assertThat(replayIntoItself.err()).contains("--to must differ");
    // lag is a Nagios check: a usage error is UNKNOWN, never WARNING or CRITICAL.
    assertThat(groupAndAllGroups.exitCode()).isEqualTo(3);
    assertThat(groupAndAllGroups.err()).contains("mutually exclusive");
    assertThat(warnAboveCrit.exitCode()).isEqualTo(3);
    assertThat(warnAboveCrit.err()).contains("--warn-lag 10 is above --crit-lag 5");
  }

  @Test
  void rejectsExporterOptionsWithoutServeAndOtherFormatsWithServe() {
    CliRun intervalWithoutServe = CliRun.run("lag", "-b", NOWHERE, "-g", "a", "--interval", "5s");
    CliRun jsonWithServe = CliRun.run("lag", "-b", NOWHERE, "-g", "a", "--serve", "-o", "json");
    CliRun zeroStall = CliRun.run("lag", "-b", NOWHERE, "-g", "a", "--serve", "--stall-after", "0");

    assertThat(intervalWithoutServe.exitCode()).isEqualTo(3);
    assertThat(intervalWithoutServe.err()).contains("need --serve");
    assertThat(jsonWithServe.exitCode()).isEqualTo(3);
    assertThat(jsonWithServe.err()).contains("--serve always serves the Prometheus format");
    assertThat(zeroStall.exitCode()).isEqualTo(3);
    assertThat(zeroStall.err()).contains("--stall-after must be at least 1");
  }

  @Test
  void usageErrorWithJsonOutputPrintsAJsonErrorDocument() throws Exception {
    CliRun run =
        CliRun.run(
            "topics", "plan", "-o", "json", "--replication-factor-override", "0", "-b", NOWHERE);

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode document = Json.mapper().readTree(run.out());
    assertThat(document.get("command").asText()).isEqualTo("topics plan");
    assertThat(document.get("exitCode").asInt()).isEqualTo(2);
    assertThat(document.get("error").get("kind").asText()).isEqualTo("usage");
    assertThat(run.err()).contains("--replication-factor-override must be at least 1");
  }

  @Test
  void unreachableClusterIsAnErrorForCommandsAndUnknownForChecks() throws Exception {
    CliRun describe =
        CliRun.run("topics", "describe", "-b", NOWHERE, "--timeout", "2s", "-o", "json");
    CliRun lag = CliRun.run("lag", "-g", "g", "-b", NOWHERE, "--timeout", "2s");
    CliRun health = CliRun.run("cluster", "health", "-b", NOWHERE, "--timeout", "2s");

    assertThat(describe.exitCode()).as(describe.toString()).isEqualTo(1);
    assertThat(describe.err()).startsWith("error: ");
    JsonNode document = Json.mapper().readTree(describe.out());
    assertThat(document.get("error").get("kind").asText()).isEqualTo("error");
    assertThat(lag.exitCode()).as(lag.toString()).isEqualTo(3);
    assertThat(health.exitCode()).as(health.toString()).isEqualTo(3);
    assertThat(health.out()).isEmpty();
  }

  @Test
  void unreadableTopicsFileIsAnError() {
    CliRun run = CliRun.run("topics", "plan", "-b", NOWHERE, "-f", "does-not-exist.yaml");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read does-not-exist.yaml");
  }

  @Test
  void readsDurations() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
  }
}
