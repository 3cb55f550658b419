package io.userevents.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * service-support's topic check in producer-service, as production runs it: the service does not
 * create its topic ({@code userevents.topics.create=false}) and none exists, so the {@code topics}
 * health component warns about {@code user-events} while staying UP and out of readiness. The
 * present-topic case is in {@link ActuatorIntegrationTests}. Its own context, because the shared
 * one creates the topic.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.security.mode=open",
      "userevents.topics.create=false"
    })
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class TopicCheckIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalManagementPort int managementPort;

  @Test
  void warnsInHealthWhenTheIngestTopicDoesNotExistAndStaysReady() {
    HttpResponse<String> health =
        await()
            .atMost(PATIENCE)
            .until(() -> Http.get(managementPort, "/actuator/health"), r -> r.statusCode() == 200);

    String body = health.body();
    assertThat((String) JsonPath.read(body, "$.components.topics.status")).isEqualTo("UP");
    assertThat((Integer) JsonPath.read(body, "$.components.topics.details.brokers")).isEqualTo(1);
    assertThat(JsonPath.<List<String>>read(body, "$.components.topics.details.warnings"))
        .containsExactly(
            "Topic user-events does not exist; create it with kafka-admin topics apply");
    assertThat(Http.get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
  }
}
