package io.userevents.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.userevents.admin.cli.Json;
import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.testsupport.kafka.MultiBrokerCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cluster health against a 3-broker KRaft cluster, healthy and with a broker down. */
class ClusterHealthIntegrationTests {

  private static MultiBrokerCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = MultiBrokerCluster.start(3);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void reportsOkThenWarningAndCriticalWhenABrokerStops() throws Exception {
    try (Admin admin = EmbeddedClusters.admin(cluster.bootstrapServers())) {
      // Replicas on brokers 0 and 1 only, and writes need both: losing broker 1 blocks acks=all.
      admin
          .createTopics(
              List.of(
                  new NewTopic("orders", Map.of(0, List.of(0, 1)))
                      .configs(Map.of("min.insync.replicas", "2")),
                  new NewTopic("audit", 2, (short) 3).configs(Map.of("min.insync.replicas", "1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    CliRun healthy = health("--expected-brokers", "3");
    assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
    assertThat(healthy.out())
        .containsPattern("Cluster: \\S+  Controller: \\S+  Brokers: 3")
        .contains("Under-replicated: 0  Under-min-ISR: 0  Offline: 0")
        .contains("Status: OK");

    cluster.stopBroker(1);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              CliRun degraded = health("--expected-brokers", "3", "-o", "json");
              assertThat(degraded.exitCode()).as(degraded.toString()).isEqualTo(2);
              JsonNode document = Json.mapper().readTree(degraded.out());
              assertThat(document.get("status").asText()).isEqualTo("CRITICAL");
              JsonNode health = document.get("health");
              assertThat(health.get("brokers")).hasSize(2);
              assertThat(health.get("underMinIsr").asInt()).isEqualTo(1);
              assertThat(health.get("underReplicated").asInt()).isGreaterThanOrEqualTo(3);
              assertThat(health.get("offline").asInt()).isZero();
              assertThat(degraded.err()).contains("CRITICAL", "under min.insync.replicas");
            });
    CliRun table = health();
    assertThat(table.out())
        .containsPattern("orders\\s+0\\s+0\\s+0,1\\s+0\\s+UNDER_REPLICATED,UNDER_MIN_ISR")
        .contains("Status: CRITICAL");
  }

  private static CliRun health(String... args) {
    String[] full = new String[args.length + 4];
    full[0] = "cluster";
    full[1] = "health";
    full[2] = "--bootstrap-server";
    full[3] = cluster.bootstrapServers();
    System.arraycopy(args, 0, full, 4, args.length);
    return CliRun.run(full);
  }
}
