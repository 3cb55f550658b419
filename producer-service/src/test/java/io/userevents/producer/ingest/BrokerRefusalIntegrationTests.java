package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The broker answers but refuses valid events for good, here because the topic's {@code
 * max.message.bytes} is smaller than an event: that is a 500 naming the broker's error, without
 * {@code Retry-After}, never a 503 that invites retries which fail the same way. Shares the broker
 * outage test's context (the same configuration), and puts the topic back as it found it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0"})
@EmbeddedKafka
class BrokerRefusalIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TOPIC = "user-events";
  private static final String USER = "{\"username\":\"refused\",\"email\":\"r@example.com\"}";

  @Autowired EmbeddedKafkaBroker broker;

  @LocalServerPort int port;

  @Test
  void answers500WithoutRetryAfterWhileTheTopicRefusesEventsAndAcceptsThemOnceItIsFixed() {
    assertThat(createUser().statusCode()).isEqualTo(201);

    HttpResponse<String> refused;
    HttpResponse<String> bulk;
    topicMaxMessageBytes("100");
    try {
      refused = await().atMost(PATIENCE).until(this::createUser, r -> r.statusCode() != 201);
      bulk = bulkOfOne();
    } finally {
      topicMaxMessageBytes(null);
    }

    assertThat(refused.statusCode()).isEqualTo(500);
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
        await().atMost(PATIENCE).until(this::createUser, r -> r.statusCode() != 500);
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
        "{\"eventId\":\"refusal-1\",\"eventType\":\"USER_DELETED\",\"userId\":\"u-refusal\","
            + "\"timestamp\":1700000000000}";
    return Http.send(
        port,
        "POST",
        "/api/events",
        Map.of("Content-Type", "application/json"),
        ("[" + event + "]").getBytes(StandardCharsets.UTF_8));
  }
}
