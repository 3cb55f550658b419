package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.admin.KafkaAdminCli;
import io.userevents.admin.cli.CliContext;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.Records;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code kafka-admin lag --serve --all-groups} through the command line itself, as compose runs it:
 * the groups are listed again every round, so a group that appears after start-up is served.
 */
class LagServeCommandIntegrationTests {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern SERVING = Pattern.compile("Serving lag on http://(\\S+)/metrics");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesEveryGroupIncludingOnesThatAppearAfterStartUp() throws Exception {
    String bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    String topic = EmbeddedClusters.unique("all-groups");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), topic, 1);
    Records.send(bootstrap, topic, 0, 10, System.currentTimeMillis() - 30_000);
    String early = EmbeddedClusters.unique("early-group");
    Records.commit(bootstrap, early, Map.of(new TopicPartition(topic, 0), 4L));

    StringWriter err = new StringWriter();
    CommandLine cli = KafkaAdminCli.commandLine(new CliContext(Map.of(), Clock.systemUTC()));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    // In production a shutdown hook stops it; here the test interrupts its thread.
    Thread serving =
        new Thread(
            () ->
                cli.execute(
                    "lag",
                    "--serve",
                    "--all-groups",
                    "--interval",
                    "200ms",
                    "--port",
                    "0",
                    "--bootstrap-server",
                    bootstrap),
            "lag-serve");
    serving.start();
    try {
      String address =
          await()
              .atMost(WAIT)
              .until(
                  () -> {
                    Matcher m = SERVING.matcher(err.toString());
                    return m.find() ? m.group(1) : null;
                  },
                  a -> a != null);

      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(lag(metrics(address), early, topic)).isEqualTo(6));

      String late = EmbeddedClusters.unique("late-group");
      Records.commit(bootstrap, late, Map.of(new TopicPartition(topic, 0), 9L));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String metrics = metrics(address);
                assertThat(lag(metrics, late, topic)).isEqualTo(1);
                assertThat(lag(metrics, early, topic)).isEqualTo(6);
              });
    } finally {
      serving.interrupt();
      serving.join(WAIT.toMillis());
    }
    assertThat(serving.isAlive()).isFalse();
  }

  private String metrics(String address) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The group's lag in records on partition 0 of the topic, or fails when not served. */
  private static double lag(String metrics, String group, String topic) {
    String sample =
        LagRenderer.PREFIX + "lag{" + LagRenderer.partitionLabels(group, topic, 0) + "} ";
    for (String line : metrics.split("\n")) {
      if (line.startsWith(sample)) {
        return Double.parseDouble(line.substring(sample.length()));
      }
    }
    throw new AssertionError("no sample " + sample + "in\n" + metrics);
  }
}
