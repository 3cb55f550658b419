package io.userevents.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the brokers come from: flag, then --command-config, then KAFKA_BOOTSTRAP_SERVERS. */
class CommonOptionsIntegrationTests {

  private static final String NOWHERE = "127.0.0.1:1";

  @TempDir Path dir;

  @Test
  void usesKafkaBootstrapServersFromTheEnvironment() {
    String bootstrap = EmbeddedClusters.shared().getBrokersAsString();

    CliRun run = CliRun.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap), "cluster", "health");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Brokers: 1", "Status: OK");
  }

  @Test
  void commandConfigBeatsTheEnvironmentAndTheFlagBeatsBoth() throws Exception {
    String bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    Path good = dir.resolve("good.properties");
    Files.writeString(good, "bootstrap.servers=" + bootstrap + "\nclient.id=ops\n");
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "bootstrap.servers=" + NOWHERE + "\n");
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", NOWHERE);

    CliRun fromFile = CliRun.run(env, "cluster", "health", "--command-config", good.toString());
    CliRun fromFlag =
        CliRun.run(
            env,
            "cluster",
            "health",
            "--command-config",
            bad.toString(),
            "--bootstrap-server",
            bootstrap);

    assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
    assertThat(fromFlag.exitCode()).as(fromFlag.toString()).isZero();
  }
}
