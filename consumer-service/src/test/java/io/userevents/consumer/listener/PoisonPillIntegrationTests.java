package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

class PoisonPillIntegrationTests extends ConsumerIntegrationTest {

  @Autowired private KafkaListenerEndpointRegistry registry;

  @Test
  void sendsPoisonPillsToTheDeadLetterTopicWithOriginalBytesWhileGoodRecordsAroundThemApply() {
    String userId = TestEvents.uniqueUserId("poison");
    byte[] badJson = "{\"eventId\":\"p1\",\"eventType\":".getBytes(StandardCharsets.UTF_8);
    byte[] invalidEvent =
        ("{\"eventId\":\"p2\",\"eventType\":\"USER_CREATED\",\"userId\":\""
                + userId
                + "\",\"username\":\"ok_name\",\"email\":\"not-an-address\","
                + "\"timestamp\":1700000000000}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] futureVersion =
        ("{\"eventId\":\"p3\",\"eventType\":\"USER_CREATED\",\"userId\":\""
                + userId
                + "\",\"username\":\"ok_name\",\"email\":\"a@example.com\","
                + "\"timestamp\":1700000000000,\"schemaVersion\":99}")
            .getBytes(StandardCharsets.UTF_8);
    UserEvent first = TestEvents.created(userId, "good_one");
    UserEvent second = TestEvents.updated(userId, "good_two");
    UserEvent third = TestEvents.updated(userId, "good_three");
    UserEvent fourth = TestEvents.updated(userId, "good_four");
    double deadLetteredBefore = count(ConsumerMetrics.UNKNOWN_TYPE, "dead_lettered");

    RecordMetadata sent = kafka.send(TOPIC, first);
    RecordMetadata badJsonAt = kafka.send(TOPIC, userId, badJson);
    kafka.send(TOPIC, second);
    RecordMetadata invalidAt = kafka.send(TOPIC, userId, invalidEvent);
    kafka.send(TOPIC, third);
    RecordMetadata futureAt = kafka.send(TOPIC, userId, futureVersion);
    kafka.send(TOPIC, fourth);
    RecordMetadata emptyAt = kafka.send(TOPIC, userId, (byte[]) null);

    awaitUser(userId, fourth.eventId());
    assertThat(processedCount(first.eventId())).isEqualTo(1);
    assertThat(processedCount(second.eventId())).isEqualTo(1);
    assertThat(processedCount(third.eventId())).isEqualTo(1);
    List<ConsumerRecord<String, byte[]>> dead =
        await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> list.size() == 4);
    Map<Long, ConsumerRecord<String, byte[]>> byOffset =
        dead.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    r -> longHeader(r, KafkaHeaders.DLT_ORIGINAL_OFFSET), r -> r));

    assertDeadLetter(byOffset.get(badJsonAt.offset()), badJson, "MALFORMED_JSON", null);
    assertDeadLetter(byOffset.get(invalidAt.offset()), invalidEvent, "INVALID_EVENT", "email");
    assertDeadLetter(
        byOffset.get(futureAt.offset()),
        futureVersion,
        "UNSUPPORTED_SCHEMA_VERSION",
        "schemaVersion");
    assertDeadLetter(byOffset.get(emptyAt.offset()), null, "EMPTY_VALUE", null);
    assertThat(dead).allSatisfy(r -> assertThat(r.partition()).isEqualTo(sent.partition()));
    // The counter moves right after the dead letter is acknowledged, so it may trail the topic.
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        count(ConsumerMetrics.UNKNOWN_TYPE, "dead_lettered") - deadLetteredBefore)
                    .isEqualTo(4));
    assertThat(registry.getListenerContainer(UserEventsListener.LISTENER_ID).isRunning()).isTrue();
  }

  private static void assertDeadLetter(
      ConsumerRecord<String, byte[]> record, byte[] original, String reason, String field) {
    assertThat(record).isNotNull();
    assertThat(record.value()).isEqualTo(original);
    assertThat(header(record, DeadLetterRecoverer.REASON_HEADER)).isEqualTo(reason);
    assertThat(header(record, DeadLetterRecoverer.FIELD_HEADER)).isEqualTo(field);
    assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
    assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
    assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
    assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
        .isEqualTo("user-service-group");
  }
}
