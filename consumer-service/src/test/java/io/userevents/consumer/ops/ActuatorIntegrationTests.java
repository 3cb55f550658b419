package io.userevents.consumer.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.net.http.HttpResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class ActuatorIntegrationTests extends ConsumerIntegrationTest {

  @LocalManagementPort private int managementPort;
  @LocalServerPort private int port;

  @Autowired
  @Qualifier("topicsHealthIndicator")
  private HealthIndicator topicsHealth;

  @Test
  void healthCoversKafkaTheDatabaseAndTheListenerContainers() {
    HttpResponse<String> response =
        await()
            .atMost(PATIENCE)
            .until(
                () -> Http.get(managementPort, "/actuator/health", null),
                r -> r.statusCode() == 200);

    JsonNode components = Http.json(response).get("components");
    assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("kafkaListeners").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("consumerGroup").get("status").asString()).isEqualTo("UP");
    assertThat(Http.get(managementPort, "/actuator/health/liveness", null).statusCode())
        .isEqualTo(200);
    assertThat(Http.get(managementPort, "/actuator/health/readiness", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void checksBothTopicsWithoutWarnings() {
    HttpResponse<String> response =
        await()
            .atMost(PATIENCE)
            .until(
                () -> Http.get(managementPort, "/actuator/health", null),
                r -> r.statusCode() == 200);
    assertThat(Http.json(response).get("components").get("topics").get("status").asString())
        .isEqualTo("UP");

    // The details, from the indicator itself.
    Health topics = topicsHealth.health();

    assertThat(topics.getDetails().get("topics"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("user-events", "user-events-dlt");
    assertThat(topics.getDetails().get("warnings"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "env", "beans", "heapdump", "threaddump", "configprops", "loggers", "mappings",
        "metrics", "shutdown", "conditions", "scheduledtasks", "caches", "startup", "sbom"
      })
  void keepsEveryOtherEndpointUnreachable(String endpoint) {
    assertThat(Http.get(managementPort, "/actuator/" + endpoint, null).statusCode()).isEqualTo(404);
    assertThat(Http.get(port, "/actuator/" + endpoint, null).statusCode()).isIn(401, 403, 404);
  }

  @Test
  void servesActuatorOnlyOnTheManagementPort() {
    assertThat(Http.get(managementPort, "/actuator/info", null).statusCode()).isEqualTo(200);
    assertThat(Http.get(port, "/actuator/health", null).statusCode()).isIn(401, 403, 404);
    assertThat(Http.get(port, "/actuator/prometheus", null).statusCode()).isIn(401, 403, 404);
  }

  @Test
  void prometheusExposesTheConsumerMetricsAndKafkaClientMetrics() {
    String userId = TestEvents.uniqueUserId("metrics");
    UserEvent created = TestEvents.created(userId, "judy");
    kafka.send(TOPIC, created);
    awaitUser(userId, created.eventId());

    String scrape =
        await()
            .atMost(PATIENCE)
            .until(
                () -> Http.get(managementPort, "/actuator/prometheus", null).body(),
                body -> body.contains("kafka_consumer_fetch_manager_records_lag_max"));

    assertThat(scrape)
        .contains("userevents_consumer_events_total{")
        .contains("outcome=\"applied\"")
        .contains("outcome=\"duplicate\"")
        .contains("outcome=\"stale\"")
        .contains("outcome=\"retried\"")
        .contains("outcome=\"dead_lettered\"")
        .contains("type=\"USER_CREATED\"")
        .contains("userevents_consumer_e2e_latency_seconds_bucket")
        .contains("userevents_consumer_processing_seconds_count")
        .contains("userevents_consumer_batch_size_records_count")
        .contains("kafka_consumer_fetch_manager_records_lag_max");
  }
}
