package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.projection.UserStatus;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.TestJwt;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Log order decides; event time only catches late arrivals (docs/guarantees.md). */
class EventOrderIntegrationTests extends ConsumerIntegrationTest {

  private static final long YEAR_MS = Duration.ofDays(365).toMillis();

  @LocalServerPort private int port;

  @Test
  void aDeleteStampedTwoSecondsBeforeThePutItFollowsDeletesTheUser() {
    String userId = TestEvents.uniqueUserId("order-clock");
    long now = System.currentTimeMillis();
    UserEvent put = TestEvents.updated(userId, "alice").withTimestamp(now);
    UserEvent delete = TestEvents.deleted(userId).withTimestamp(now - 2_000);

    kafka.send(TOPIC, put);
    kafka.send(TOPIC, delete);

    awaitUser(userId, delete.eventId());
    assertThat(Http.get(port, "/api/users/" + userId, TestJwt.token("users:read")).statusCode())
        .isEqualTo(410);
  }

  @Test
  void anEventFromYear9999IsDeadLetteredAndTheUserKeepsTakingUpdates() {
    String userId = TestEvents.uniqueUserId("order-future");
    UserEvent created = TestEvents.created(userId, "bob");
    UserEvent future =
        TestEvents.updated(userId, "bob_future").withTimestamp(UserEvent.MAX_TIMESTAMP);
    kafka.send(TOPIC, created);
    kafka.send(TOPIC, future);
    UserEvent later = TestEvents.updated(userId, "bob_later");
    kafka.send(TOPIC, later);

    UserRow row = awaitUser(userId, later.eventId());

    assertThat(row.username()).isEqualTo("bob_later");
    var dead = await().atMost(PATIENCE).until(() -> deadLetters(userId), d -> !d.isEmpty());
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterRecoverer.REASON_HEADER)).isEqualTo("INVALID_EVENT");
    assertThat(header(dead.get(0), DeadLetterRecoverer.FIELD_HEADER)).isEqualTo("timestamp");
  }

  @Test
  void anEventFromYearsAgoArrivingAfterANewerOneIsNotApplied() {
    String userId = TestEvents.uniqueUserId("order-late");
    UserEvent created = TestEvents.created(userId, "carol");
    UserEvent ancient = TestEvents.deleted(userId).withTimestamp(created.timestamp() - 3 * YEAR_MS);
    UserEvent marker = TestEvents.updated(userId, "carol_b");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, ancient);
    kafka.send(TOPIC, marker);

    UserRow row = awaitUser(userId, marker.eventId());
    assertThat(row.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(processedCount(ancient.eventId())).isEqualTo(1);
  }

  @Test
  void aReplayedDeadLetterOlderThanTheUserIsNotApplied() {
    String userId = TestEvents.uniqueUserId("order-replay");
    UserEvent replayed = TestEvents.deleted(userId);
    UserEvent created = TestEvents.created(userId, "dave");
    UserEvent marker = TestEvents.updated(userId, "dave_b");
    kafka.send(TOPIC, created);

    kafka.send(
        TOPIC,
        userId,
        codecBytes(replayed),
        new RecordHeader(UserEventsListener.REPLAY_HEADER, "1".getBytes(StandardCharsets.UTF_8)));
    kafka.send(TOPIC, marker);

    UserRow row = awaitUser(userId, marker.eventId());
    assertThat(row.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(processedCount(replayed.eventId())).isEqualTo(1);
  }

  @Test
  void aReusedEventIdWithOtherContentIsDeadLetteredAndCountedWhileATrueDuplicateIsSkipped() {
    String userId = TestEvents.uniqueUserId("order-conflict");
    UserEvent created = TestEvents.created(userId, "erin");
    UserEvent reused = TestEvents.updated(userId, "mallory").withEventId(created.eventId());
    UserEvent marker = TestEvents.updated(userId, "erin_b");
    double conflictsBefore = conflicts();
    double duplicatesBefore = count("USER_CREATED", "duplicate");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, created);
    kafka.send(TOPIC, reused);
    kafka.send(TOPIC, marker);

    UserRow row = awaitUser(userId, marker.eventId());
    assertThat(row.username()).isEqualTo("erin_b");
    var dead = await().atMost(PATIENCE).until(() -> deadLetters(userId), d -> !d.isEmpty());
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterRecoverer.REASON_HEADER))
        .isEqualTo("EVENT_ID_CONFLICT");
    assertThat(dead.get(0).value()).isEqualTo(codecBytes(reused));
    assertThat(conflicts() - conflictsBefore).isEqualTo(1);
    assertThat(count("USER_CREATED", "duplicate") - duplicatesBefore).isEqualTo(1);
  }

  @Test
  void aProducerRetryOfAWrittenEventIsSkippedAsADuplicateNotDeadLettered() {
    String userId = TestEvents.uniqueUserId("order-retry");
    UserEvent created = TestEvents.created(userId, "frank").withCorrelationId("attempt-1");
    // What producer-service writes when a request answered 503 (its event written all the same)
    // is retried with the same Idempotency-Key: the same event id and content, a later timestamp
    // and another correlation id.
    UserEvent retried =
        created.withTimestamp(created.timestamp() + 3_000).withCorrelationId("attempt-2");
    UserEvent marker = TestEvents.updated(userId, "frank_b");
    double conflictsBefore = conflicts();
    double duplicatesBefore = count("USER_CREATED", "duplicate");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, retried);
    kafka.send(TOPIC, marker);

    UserRow row = awaitUser(userId, marker.eventId());
    assertThat(row.username()).isEqualTo("frank_b");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(count("USER_CREATED", "duplicate") - duplicatesBefore).isEqualTo(1));
    assertThat(conflicts() - conflictsBefore).isZero();
    assertThat(deadLetters(userId)).isEmpty();
  }

  private double conflicts() {
    var counter = meters.find(ConsumerMetrics.EVENT_ID_CONFLICTS).counter();
    return counter == null ? 0 : counter.count();
  }

  private static byte[] codecBytes(UserEvent event) {
    return io.userevents.model.UserEventCodec.create().encode(event);
  }
}
