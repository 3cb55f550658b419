package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.consumer.projection.ProjectionRules.Decision;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProjectionRulesTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void createOfUnknownUserWritesAnActiveRow() {
    UserEvent created = TestEvents.created("u1", "alice");

    Decision decision = decide(null, created, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(decision.next())
        .isEqualTo(
            new UserRow(
                "u1",
                "alice",
                "alice@example.com",
                UserStatus.ACTIVE,
                created.eventId(),
                created.occurredAt(),
                NOW,
                NOW));
  }

  @Test
  void updateOfUnknownUserWritesAnActiveRowFromTheUpdate() {
    UserEvent updated = TestEvents.updated("u1", "alice");

    Decision decision = decide(null, updated, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(decision.next().status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(decision.next().email()).isEqualTo("alice@example.org");
  }

  @Test
  void deleteOfUnknownUserWritesATombstone() {
    UserEvent deleted = TestEvents.deleted("u1");

    Decision decision = decide(null, deleted, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(decision.next().status()).isEqualTo(UserStatus.DELETED);
    assertThat(decision.next().lastEventId()).isEqualTo(deleted.eventId());
  }

  @Test
  void deleteClearsPersonalDataAndKeepsCreationTime() {
    UserRow active = apply(null, TestEvents.created("u1", "alice"));
    UserEvent deleted = TestEvents.deleted("u1");

    UserRow row = decide(active, deleted, NOW.plusSeconds(5)).next();

    assertThat(row.username()).isNull();
    assertThat(row.email()).isNull();
    assertThat(row.createdAt()).isEqualTo(active.createdAt());
    assertThat(row.updatedAt()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void eventOlderThanTheRowByMoreThanTheToleranceIsStale() {
    UserRow row = apply(null, TestEvents.updated("u1", "alice_new"));
    UserEvent old =
        TestEvents.created("u1", "alice")
            .withTimestamp(row.lastEventTimestamp().minus(TOLERANCE).toEpochMilli() - 1);

    Decision decision = decide(row, old, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.STALE);
    assertThat(decision.next()).isNull();
  }

  @Test
  void liveEventALittleOlderThanTheRowAppliesInLogOrder() {
    UserRow row = apply(null, TestEvents.updated("u1", "alice"));
    UserEvent deleted =
        TestEvents.deleted("u1").withTimestamp(row.lastEventTimestamp().toEpochMilli() - 2_000);

    Decision decision = decide(row, deleted, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(decision.next().status()).isEqualTo(UserStatus.DELETED);
    assertThat(decision.next().lastEventTimestamp()).isEqualTo(row.lastEventTimestamp());
  }

  @Test
  void replayedEventOlderThanTheRowIsStaleEvenWithinTheTolerance() {
    UserRow row = apply(null, TestEvents.updated("u1", "alice"));
    UserEvent replayed =
        TestEvents.deleted("u1").withTimestamp(row.lastEventTimestamp().toEpochMilli() - 1);

    Decision decision = ProjectionRules.decide(row, replayed, true, TOLERANCE, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.STALE);
  }

  @Test
  void replayedEventNotOlderThanTheRowApplies() {
    UserRow row = apply(null, TestEvents.updated("u1", "alice"));
    UserEvent replayed =
        TestEvents.deleted("u1").withTimestamp(row.lastEventTimestamp().toEpochMilli());

    Decision decision = ProjectionRules.decide(row, replayed, true, TOLERANCE, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
  }

  @Test
  void eventWithTheSameTimestampAppliesSoTheLaterRecordWins() {
    UserRow row = apply(null, TestEvents.created("u1", "alice"));
    UserEvent sameTime =
        TestEvents.updated("u1", "alice_b").withTimestamp(row.lastEventTimestamp().toEpochMilli());

    assertThat(decide(row, sameTime, NOW).outcome()).isEqualTo(Outcome.APPLIED);
  }

  @Test
  void updateOfADeletedUserIsStale() {
    UserRow tombstone = apply(null, TestEvents.deleted("u1"));

    Decision decision = decide(tombstone, TestEvents.updated("u1", "x_y_z"), NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.STALE);
  }

  @Test
  void newerCreateBringsADeletedUserBack() {
    UserRow tombstone = apply(null, TestEvents.deleted("u1"));

    Decision decision = decide(tombstone, TestEvents.created("u1", "again"), NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(decision.next().status()).isEqualTo(UserStatus.ACTIVE);
  }

  private static Decision decide(UserRow current, UserEvent event, Instant now) {
    return ProjectionRules.decide(current, event, false, TOLERANCE, now);
  }

  private static UserRow apply(UserRow current, UserEvent event) {
    return decide(current, event, NOW).next();
  }
}
