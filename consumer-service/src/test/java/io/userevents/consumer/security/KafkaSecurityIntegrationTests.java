package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** consumer-service reads user-events in its group and writes dead letters, over SASL_SSL. */
class KafkaSecurityIntegrationTests extends SecuredConsumerTest {

  @Test
  void readsUserEventsInItsGroupOverSaslSslWithTheShippedAcls() {
    String userId = TestEvents.uniqueUserId("secure");
    UserEvent created = TestEvents.created(userId, "secure_user");

    superUser.send("user-events", created);

    assertThat(awaitUser(userId).lastEventId()).isEqualTo(created.eventId());
  }

  @Test
  void writesPoisonPillsToTheDeadLetterTopicOverSaslSsl() {
    String userId = TestEvents.uniqueUserId("secure-poison");
    byte[] badJson = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);

    superUser.send("user-events", userId, badJson);

    List<ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    superUser.readAll("user-events-dlt").stream()
                        .filter(r -> userId.equals(r.key()))
                        .toList(),
                list -> !list.isEmpty());
    assertThat(dead.get(0).value()).isEqualTo(badJson);
  }
}
