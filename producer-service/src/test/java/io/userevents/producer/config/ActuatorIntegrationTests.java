package io.userevents.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only health, info and prometheus are reachable, and only on the management port. */
class ActuatorIntegrationTests extends IngestIntegrationTest {

  @Test
  void healthInfoAndPrometheusAreServedOnTheManagementPort() {
    // The Kafka check opens its admin client on first use, which a loaded machine may slow down.
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(Http.get(managementPort, "/actuator/health").statusCode())
                    .isEqualTo(200));
    assertThat(Http.get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(Http.get(managementPort, "/actuator/info").statusCode()).isEqualTo(200);
    assertThat(Http.get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessIncludesKafkaWithClusterIdAndBrokerCount() {
    HttpResponse<String> readiness =
        await()
            .atMost(PATIENCE)
            .until(
                () -> Http.get(managementPort, "/actuator/health/readiness"),
                r -> r.statusCode() == 200);

    String body = readiness.body();
    assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("UP");
    assertThat((String) JsonPath.read(body, "$.components.kafka.status")).isEqualTo("UP");
    assertThat((String) JsonPath.read(body, "$.components.kafka.details.clusterId")).isNotBlank();
    assertThat((Integer) JsonPath.read(body, "$.components.kafka.details.brokerCount"))
        .isEqualTo(1);
  }

  @Test
  void topicsHealthShowsTheIngestTopicWithoutWarnings() {
    HttpResponse<String> health =
        await()
            .atMost(PATIENCE)
            .until(() -> Http.get(managementPort, "/actuator/health"), r -> r.statusCode() == 200);

    String body = health.body();
    assertThat((String) JsonPath.read(body, "$.components.topics.status")).isEqualTo("UP");
    assertThat((Integer) JsonPath.read(body, "$.components.topics.details.brokers")).isEqualTo(1);
    assertThat(
            (Integer)
                JsonPath.read(body, "$.components.topics.details.topics['user-events'].partitions"))
        .isEqualTo(3);
    assertThat(JsonPath.<List<String>>read(body, "$.components.topics.details.warnings")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/actuator/env",
        "/actuator/beans",
        "/actuator/heapdump",
        "/actuator/threaddump",
        "/actuator/configprops",
        "/actuator/loggers",
        "/actuator/mappings",
        "/actuator/metrics",
        "/actuator/conditions",
        "/actuator/scheduledtasks",
        "/actuator/shutdown",
        "/actuator/sbom",
      })
  void otherEndpointsAreNotFoundOnTheManagementPort(String path) {
    assertThat(Http.get(managementPort, path).statusCode()).isEqualTo(404);
  }

  @Test
  void shutdownCannotBeTriggered() {
    HttpResponse<String> response =
        Http.send(managementPort, "POST", "/actuator/shutdown", Map.of(), new byte[0]);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env"})
  void mainPortHasNoActuator(String path) {
    HttpResponse<String> response = Http.get(port, path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void prometheusShowsIngestMetricsAndKafkaProducerMetrics() {
    Http.send(
        port,
        "POST",
        "/api/users",
        Map.of("Content-Type", "application/json", "Authorization", TestJwts.writerHeader()),
        "{\"username\":\"metrics\",\"email\":\"m@example.com\"}".getBytes(StandardCharsets.UTF_8));

    String metrics = Http.get(managementPort, "/actuator/prometheus").body();

    assertThat(metrics)
        .contains("userevents_ingest_events_total{outcome=\"accepted\",type=\"USER_CREATED\"}")
        .contains("userevents_ingest_events_total{outcome=\"rejected\",type=\"USER_UPDATED\"}")
        .contains("userevents_ingest_events_total{outcome=\"failed\",type=\"USER_DELETED\"}")
        .contains("userevents_ingest_publish_latency_seconds_bucket{type=\"USER_CREATED\"")
        .contains("userevents_ingest_bulk_size_events_count")
        .contains("kafka_producer_record_send_total");
  }
}
