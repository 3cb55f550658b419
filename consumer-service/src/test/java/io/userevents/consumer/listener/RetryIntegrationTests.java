package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Runs with max-attempts 4 and a back-off of 50 ms doubling up to 200 ms. */
class RetryIntegrationTests extends ConsumerIntegrationTest {

  private static final int MAX_ATTEMPTS = 4;

  @Test
  void retriesATransientDatabaseFailureAndThenAppliesTheEventOnce() {
    String userId = TestEvents.uniqueUserId("transient");
    UserEvent created = TestEvents.created(userId, "frank");
    double retriedBefore = count("USER_CREATED", "retried");
    faults().refuseNextConnections(2);

    kafka.send(TOPIC, created);

    awaitUser(userId, created.eventId());
    assertThat(faults().refusedConnections()).isGreaterThanOrEqualTo(2);
    assertThat(count("USER_CREATED", "retried") - retriedBefore).isEqualTo(2);
    assertThat(processedCount(created.eventId())).isEqualTo(1);
    assertThat(deadLetters(userId)).isEmpty();
  }

  @Test
  void deadLettersAPersistentFailureAfterTheConfiguredAttemptsAndGoesOn() {
    String userId = TestEvents.uniqueUserId("persistent");
    UserEvent created = TestEvents.created(userId, "grace");
    UserEvent later = TestEvents.updated(userId, "grace_b");
    double retriedBefore = count("USER_CREATED", "retried");
    double deadBefore = count("USER_CREATED", "dead_lettered");
    int refusedBefore = faults().refusedConnections();
    faults().refuseAllConnections();

    kafka.send(TOPIC, created);

    List<ConsumerRecord<String, byte[]>> dead =
        await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> list.size() == 1);
    faults().reset();
    assertThat(faults().refusedConnections() - refusedBefore).isEqualTo(MAX_ATTEMPTS);
    assertThat(count("USER_CREATED", "retried") - retriedBefore).isEqualTo(MAX_ATTEMPTS - 1);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(count("USER_CREATED", "dead_lettered") - deadBefore).isEqualTo(1));
    assertThat(header(dead.get(0), DeadLetterRecoverer.REASON_HEADER))
        .isEqualTo("RETRIES_EXHAUSTED");
    assertThat(dead.get(0).value()).isEqualTo(UserEventCodec.create().encode(created));
    assertThat(dead.get(0).headers().lastHeader(ProjectionValueDeserializer.RAW_VALUE_HEADER))
        .isNull();
    assertThat(processedCount(created.eventId())).isZero();

    kafka.send(TOPIC, later);
    awaitUser(userId, later.eventId());
  }
}
