package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The broker goes away and comes back, with the production timeouts (send timeout 5 s): requests
 * during the outage get 503 with Retry-After within the bound, never a hung request, and ingest
 * recovers by itself. Its own context, because it stops its broker.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0"})
@EmbeddedKafka
class BrokerOutageIntegrationTests {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SLACK = Duration.ofSeconds(5);
  private static final String USER = "{\"username\":\"outage\",\"email\":\"o@example.com\"}";

  @Autowired EmbeddedKafkaBroker broker;

  @LocalServerPort int port;

  @LocalManagementPort int managementPort;

  @Test
  void answers503WithRetryAfterWithinTheBoundWhileTheBrokerIsDownAndRecoversByItself() {
    assertThat(createUser().statusCode()).isEqualTo(201);

    brokers().shutdown();
    try {
      long started = System.nanoTime();
      HttpResponse<String> down = createUser();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf("Broker down: %d after %d ms%n", down.statusCode(), took.toMillis());

      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat((String) JsonPath.read(down.body(), "$.type"))
          .isEqualTo("https://userevents.io/problems/broker-unavailable");
      assertThat((String) JsonPath.read(down.body(), "$.eventId")).isNotBlank();
      assertThat(took).isLessThan(SEND_TIMEOUT.plus(SLACK));

      HttpResponse<String> bulk = bulkOfOne();
      assertThat(bulk.statusCode()).isEqualTo(207);
      assertThat(bulk.headers().firstValue("Retry-After")).hasValue("5");
      assertThat((Integer) JsonPath.read(bulk.body(), "$.failed")).isEqualTo(1);
      assertThat((Integer) JsonPath.read(bulk.body(), "$.results[0].status")).isEqualTo(503);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(Http.get(managementPort, "/actuator/health/readiness").statusCode())
                      .isEqualTo(503));
    } finally {
      brokers().startup();
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(createUser().statusCode()).isEqualTo(201));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Http.get(managementPort, "/actuator/health/readiness").statusCode())
                    .isEqualTo(200));
    assertThat(Http.get(managementPort, "/actuator/prometheus").body())
        .containsPattern(
            "userevents_ingest_events_total\\{outcome=\"failed\",type=\"USER_CREATED\"} [1-9]");
  }

  private BrokerServer brokers() {
    return ((EmbeddedKafkaKraftBroker) broker).getCluster().brokers().values().iterator().next();
  }

  private HttpResponse<String> createUser() {
    return Http.send(
        port,
        "POST",
        "/api/users",
        Map.of("Content-Type", "application/json"),
        USER.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> bulkOfOne() {
    String event =
        "{\"eventId\":\"outage-1\",\"eventType\":\"USER_DELETED\",\"userId\":\"u-outage\","
            + "\"timestamp\":1700000000000}";
    return Http.send(
        port,
        "POST",
        "/api/events",
        Map.of("Content-Type", "application/json"),
        ("[" + event + "]").getBytes(StandardCharsets.UTF_8));
  }
}
