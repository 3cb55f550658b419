package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.userevents.model.kafka.CloudEventHeaders;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Broker failures as HTTP clients see them, with the production timeouts (send timeout 5 s). The
 * broker goes away and comes back: requests during the outage get 503 with Retry-After within the
 * bound, never a hung request, and ingest recovers by itself. The broker answers but refuses valid
 * events for good (here the topic's {@code max.message.bytes} is smaller than an event): 500 naming
 * Kafka's error, without Retry-After. A request that got 503 during the outage, retried with the
 * same Idempotency-Key once the broker is back, gets 201 with the same event id, and the topic
 * holds that event once. Its own context, because it stops its broker and changes its topic; each
 * test leaves both as it found them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.security.mode=open",
      "userevents.security.rate-limit.enabled=false"
    })
@EmbeddedKafka
class BrokerOutageIntegrationTests {

  private static final String TOPIC = "user-events";
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SLACK = Duration.ofSeconds(5);
  private static final String USER = "{\"username\":\"outage\",\"email\":\"o@example.com\"}";

  @Autowired EmbeddedKafkaBroker broker;

  @LocalServerPort int port;

  @LocalManagementPort int managementPort;

  @Test
  void answers503WithRetryAfterWithinTheBoundWhileTheBrokerIsDownAndRecoversByItself() {
    assertThat(createUser().statusCode()).isEqualTo(201);
    double failedBefore = created("failed");

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

      HttpResponse<String> bulk = bulkOfOne("outage-1", "u-outage");
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
    assertThat(created("failed")).isGreaterThan(failedBefore);
  }

  @Test
  void aRetryOfA503WithTheSameIdempotencyKeyGets201WithTheSameEventIdAndOneRecordOnTheTopic() {
    assertThat(createUser().statusCode()).isEqualTo(201);
    String key = "retry-after-503-" + UUID.randomUUID();
    String body = "{\"username\":\"retry503\",\"email\":\"r@example.com\"}";

    HttpResponse<String> down;
    brokers().shutdown();
    try {
      down = createUser(key, body);
    } finally {
      brokers().startup();
    }
    assertThat(down.statusCode()).isEqualTo(503);
    String eventId = JsonPath.read(down.body(), "$.eventId");
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(Http.get(managementPort, "/actuator/health/readiness").statusCode())
                    .isEqualTo(200));

    HttpResponse<String> retried =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> createUser(key, body), r -> r.statusCode() != 503);

    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat((String) JsonPath.read(retried.body(), "$.eventId")).isEqualTo(eventId);
    List<ConsumerRecord<String, byte[]>> withThatId =
        new TopicReader(broker.getBrokersAsString(), TOPIC)
            .all().stream()
                .filter(r -> eventId.equals(TopicReader.header(r, CloudEventHeaders.ID)))
                .toList();
    assertThat(withThatId).as("records with event id " + eventId).hasSize(1);
  }

  @Test
  void answers500WithoutRetryAfterWhileTheTopicRefusesEventsAndAcceptsThemOnceItIsFixed() {
    assertThat(createUser().statusCode()).isEqualTo(201);
    double refusedBefore = created("refused");
    double failedBefore = created("failed");

    HttpResponse<String> refused;
    HttpResponse<String> bulk;
    topicMaxMessageBytes("100");
    try {
      refused =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(this::createUser, r -> r.statusCode() != 201);
      bulk = bulkOfOne("refusal-1", "u-refusal");
    } finally {
      topicMaxMessageBytes(null);
    }

    assertThat(refused.statusCode()).isEqualTo(500);
    // Counted when the send completes, which may be just after the answer went out.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(created("refused")).isEqualTo(refusedBefore + 1));
    assertThat(created("failed")).isEqualTo(failedBefore);
    assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat((String) JsonPath.read(refused.body(), "$.type"))
        .isEqualTo("https://userevents.io/problems/broker-refused");
    assertThat((String) JsonPath.read(refused.body(), "$.detail"))
        .contains("RecordTooLargeException")
        .contains("retrying will fail the same way");

    assertThat(bulk.statusCode()).isEqualTo(207);
    assertThat(bulk.headers().firstValue("Retry-After")).isEmpty();
    assertThat((Integer) JsonPath.read(bulk.body(), "$.failed")).isEqualTo(1);
    assertThat((Integer) JsonPath.read(bulk.body(), "$.results[0].status")).isEqualTo(500);
    assertThat((String) JsonPath.read(bulk.body(), "$.results[0].problem.type"))
        .isEqualTo("https://userevents.io/problems/broker-refused");

    String refusedEventId = JsonPath.read(refused.body(), "$.eventId");
    TopicReader topic = new TopicReader(broker.getBrokersAsString(), TOPIC);
    assertThat(topic.valuesContaining(refusedEventId)).isEmpty();
    assertThat(topic.valuesContaining("refusal-1")).isEmpty();

    HttpResponse<String> fixed =
        await().atMost(Duration.ofSeconds(30)).until(this::createUser, r -> r.statusCode() != 500);
    assertThat(fixed.statusCode()).isEqualTo(201);
    assertThat(topic.valuesContaining(JsonPath.read(fixed.body(), "$.eventId"))).hasSize(1);
  }

  /** Sets the topic's {@code max.message.bytes}, or removes the override when null. */
  private void topicMaxMessageBytes(String value) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
    ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value);
    AlterConfigOp op =
        new AlterConfigOp(
            entry, value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not change " + TOPIC + "'s configuration", e);
    }
  }

  /** USER_CREATED events with this outcome, from the Prometheus scrape. */
  private double created(String outcome) {
    Matcher count =
        Pattern.compile(
                "^userevents_ingest_events_total\\{outcome=\""
                    + outcome
                    + "\",type=\"USER_CREATED\"} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(Http.get(managementPort, "/actuator/prometheus").body());
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
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

  private HttpResponse<String> createUser(String idempotencyKey, String body) {
    return Http.send(
        port,
        "POST",
        "/api/users",
        Map.of("Content-Type", "application/json", IdempotencyKey.HEADER, idempotencyKey),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> bulkOfOne(String eventId, String userId) {
    String event =
        "{\"eventId\":\""
            + eventId
            + "\",\"eventType\":\"USER_DELETED\",\"userId\":\""
            + userId
            + "\",\"timestamp\":1700000000000}";
    return Http.send(
        port,
        "POST",
        "/api/events",
        Map.of("Content-Type", "application/json"),
        ("[" + event + "]").getBytes(StandardCharsets.UTF_8));
  }
}
