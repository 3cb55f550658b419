package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.projection.UserStatus;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProjectionFlowIntegrationTests extends ConsumerIntegrationTest {

  /** Older than the default late-arrival tolerance (5 minutes). */
  private static final long TEN_MINUTES = 600_000;

  /** The v1 payload from the course this project grew from, byte for byte. */
  private static final String SEED_V1 =
      "{\"eventId\":\"user-evt-123\",\"eventType\":\"USER_CREATED\",\"userId\":\"user-456\","
          + "\"username\":\"john_doe\",\"email\":\"john@example.com\",\"timestamp\":1645123456789,"
          + "\"metadata\":{\"source\":\"web-ui\",\"version\":\"1.0\"}}";

  @Test
  void createdThenUpdatedEventsLeaveAnActiveUserWithTheUpdatedProfile() {
    String userId = TestEvents.uniqueUserId("flow");
    UserEvent created = TestEvents.created(userId, "alice");
    UserEvent updated = TestEvents.updated(userId, "alice_b");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, updated);

    UserRow row = awaitUser(userId, updated.eventId());
    assertThat(row.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(row.username()).isEqualTo("alice_b");
    assertThat(row.email()).isEqualTo("alice_b@example.org");
    assertThat(row.lastEventTimestamp()).isEqualTo(updated.occurredAt());
    assertThat(processedCount(created.eventId())).isEqualTo(1);
  }

  @Test
  void deletedEventLeavesATombstoneWithoutPersonalData() {
    String userId = TestEvents.uniqueUserId("flow");
    kafka.send(TOPIC, TestEvents.created(userId, "bob"));
    UserEvent deleted = TestEvents.deleted(userId);
    kafka.send(TOPIC, deleted);

    UserRow row = awaitUser(userId, deleted.eventId());
    assertThat(row.status()).isEqualTo(UserStatus.DELETED);
    assertThat(row.username()).isNull();
    assertThat(row.email()).isNull();
  }

  @Test
  void appliesTheSeedVersion1JsonPublishedAsRawBytes() {
    kafka.send(TOPIC, "user-456", SEED_V1);

    UserRow row = awaitUser("user-456", "user-evt-123");
    assertThat(row.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(row.username()).isEqualTo("john_doe");
    assertThat(row.email()).isEqualTo("john@example.com");
    assertThat(row.lastEventTimestamp()).isEqualTo(Instant.ofEpochMilli(1645123456789L));
  }

  @Test
  void appliesAnEventDeliveredTwiceOnlyOnce() {
    String userId = TestEvents.uniqueUserId("dup");
    UserEvent created = TestEvents.created(userId, "carol");
    UserEvent updated = TestEvents.updated(userId, "carol_x");
    double duplicatesBefore = count("USER_CREATED", "duplicate");
    double appliedBefore = count("USER_CREATED", "applied");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, created);
    kafka.send(TOPIC, updated);
    kafka.send(TOPIC, created);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(count("USER_CREATED", "duplicate") - duplicatesBefore).isEqualTo(2));
    UserRow row = awaitUser(userId, updated.eventId());
    assertThat(row.username()).isEqualTo("carol_x");
    assertThat(processedCount(created.eventId())).isEqualTo(1);
    // Outcome counters are updated right after the transaction commits: awaited, not raced; a
    // second application would take the count past 1.
    awaitSettled(() -> count("USER_CREATED", "applied") - appliedBefore, 1);
  }

  @Test
  void anEventOlderThanTheLateArrivalToleranceDoesNotRollBackTheUser() {
    String userId = TestEvents.uniqueUserId("stale");
    UserEvent created = TestEvents.created(userId, "dave");
    UserEvent updated = TestEvents.updated(userId, "dave_new");
    UserEvent older =
        TestEvents.updated(userId, "dave_old").withTimestamp(created.timestamp() - TEN_MINUTES);
    double staleBefore = count("USER_UPDATED", "stale");

    kafka.send(TOPIC, created);
    kafka.send(TOPIC, updated);
    kafka.send(TOPIC, older);

    await().atMost(PATIENCE).until(() -> processedCount(older.eventId()) == 1);
    UserRow row = users.find(userId).orElseThrow();
    assertThat(row.username()).isEqualTo("dave_new");
    assertThat(row.lastEventId()).isEqualTo(updated.eventId());
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(count("USER_UPDATED", "stale") - staleBefore).isEqualTo(1));
  }

  @Test
  void deleteOfAnUnknownUserLeavesATombstoneThatALateOlderCreateCannotResurrect() {
    String userId = TestEvents.uniqueUserId("tomb");
    UserEvent delete = TestEvents.deleted(userId);
    UserEvent create =
        TestEvents.created(userId, "erin").withTimestamp(delete.timestamp() - TEN_MINUTES);

    kafka.send(TOPIC, delete);
    awaitUser(userId, delete.eventId());
    kafka.send(TOPIC, create);

    await().atMost(PATIENCE).until(() -> processedCount(create.eventId()) == 1);
    UserRow row = users.find(userId).orElseThrow();
    assertThat(row.status()).isEqualTo(UserStatus.DELETED);
    assertThat(row.lastEventId()).isEqualTo(delete.eventId());
  }
}
