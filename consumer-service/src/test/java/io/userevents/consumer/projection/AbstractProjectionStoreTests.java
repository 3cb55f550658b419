package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A projection store's SQL and the projection's transaction, against a real database. */
abstract class AbstractProjectionStoreTests {

  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  private HikariDataSource dataSource;
  private ProjectionStore store;
  private Projection projection;
  private UserQueries queries;
  private JdbcClient jdbc;

  /** A fresh, empty database. */
  protected abstract HikariDataSource createDataSource();

  protected void dropDatabase() {}

  protected ProjectionStore store() {
    return store;
  }

  @BeforeEach
  void migrate() {
    dataSource = createDataSource();
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
    store = ProjectionTestAccess.store(dataSource);
    projection =
        new Projection(
            store,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            TOLERANCE);
    queries = new UserQueries(store);
  }

  @AfterEach
  void close() {
    dataSource.close();
    dropDatabase();
  }

  @Test
  void appliesCreateUpdateAndDeleteInOneBatch() {
    UserEvent created = TestEvents.created("u1", "alice");
    UserEvent updated = TestEvents.updated("u1", "alice_b");
    UserEvent other = TestEvents.created("u2", "bob");
    UserEvent deleted = TestEvents.deleted("u2");

    ApplyResult result = projection.apply(List.of(created, updated, other, deleted));

    assertThat(result.count(Outcome.APPLIED)).isEqualTo(4);
    UserRow u1 = queries.find("u1").orElseThrow();
    assertThat(u1.username()).isEqualTo("alice_b");
    assertThat(u1.email()).isEqualTo("alice_b@example.org");
    assertThat(u1.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(u1.lastEventId()).isEqualTo(updated.eventId());
    assertThat(u1.lastEventTimestamp()).isEqualTo(updated.occurredAt());
    UserRow u2 = queries.find("u2").orElseThrow();
    assertThat(u2.status()).isEqualTo(UserStatus.DELETED);
    assertThat(u2.email()).isNull();
    assertThat(processedRows()).isEqualTo(4);
  }

  @Test
  void recognisesDuplicatesWithinABatchAndAcrossBatches() {
    UserEvent created = TestEvents.created("u1", "alice");
    UserEvent updated = TestEvents.updated("u1", "alice_b");

    ApplyResult first = projection.apply(List.of(created, created));
    ApplyResult second = projection.apply(List.of(created, updated, updated));

    assertThat(first.outcomes())
        .extracting(ApplyResult.EventOutcome::outcome)
        .containsExactly(Outcome.APPLIED, Outcome.DUPLICATE);
    assertThat(second.outcomes())
        .extracting(ApplyResult.EventOutcome::outcome)
        .containsExactly(Outcome.DUPLICATE, Outcome.APPLIED, Outcome.DUPLICATE);
    assertThat(processedRows()).isEqualTo(2);
    assertThat(queries.find("u1").orElseThrow().username()).isEqualTo("alice_b");
  }

  @Test
  void aReusedEventIdWithOtherContentIsRefusedAndNothingOfTheBatchIsRecorded() {
    UserEvent created = TestEvents.created("u1", "alice");
    projection.apply(List.of(created));
    UserEvent other = TestEvents.created("u2", "bob");
    UserEvent reused = TestEvents.updated("u1", "mallory").withEventId(created.eventId());

    assertThatThrownBy(() -> projection.apply(List.of(other, reused)))
        .isInstanceOfSatisfying(
            EventIdConflictException.class, e -> assertThat(e.index()).isEqualTo(1));

    assertThat(queries.find("u1").orElseThrow().username()).isEqualTo("alice");
    assertThat(queries.find("u2")).isEmpty();
    assertThat(processedRows()).isEqualTo(1);
  }

  @Test
  void aReusedEventIdWithinOneBatchIsRefused() {
    UserEvent created = TestEvents.created("u1", "alice");
    UserEvent reused = TestEvents.created("u1", "mallory").withEventId(created.eventId());

    assertThatThrownBy(() -> projection.apply(List.of(created, reused)))
        .isInstanceOfSatisfying(
            EventIdConflictException.class, e -> assertThat(e.index()).isEqualTo(1));
  }

  @Test
  void aRetriedWriteStampedLaterWithAnotherCorrelationIdIsADuplicateNotAConflict() {
    UserEvent created = TestEvents.created("u1", "alice").withCorrelationId("first-attempt");
    projection.apply(List.of(created));
    // A producer retry of a 503 whose event was written all the same: same id and content,
    // stamped again, another correlation id.
    UserEvent retried =
        created.withTimestamp(created.timestamp() + 5_000).withCorrelationId("second-attempt");

    ApplyResult again = projection.apply(List.of(retried));

    assertThat(again.count(Outcome.DUPLICATE)).isEqualTo(1);
    assertThat(queries.find("u1").orElseThrow().lastEventTimestamp())
        .isEqualTo(created.occurredAt());
    assertThat(processedRows()).isEqualTo(1);
  }

  @Test
  void anIdRecordedWithAWholeEventFingerprintIsStillJudgedByIt() {
    UserEvent created = TestEvents.created("u1", "alice");
    projection.apply(List.of(created));
    // As recorded before the content fingerprint: 32 hex digits of the whole wire form.
    jdbc.sql("UPDATE processed_events SET fingerprint = ?")
        .param(wholeEventFingerprint(created))
        .update();

    assertThat(projection.apply(List.of(created)).count(Outcome.DUPLICATE)).isEqualTo(1);
    UserEvent reused = TestEvents.updated("u1", "mallory").withEventId(created.eventId());
    assertThatThrownBy(() -> projection.apply(List.of(reused)))
        .isInstanceOf(EventIdConflictException.class);
    assertThat(queries.find("u1").orElseThrow().username()).isEqualTo("alice");
  }

  private static String wholeEventFingerprint(UserEvent event) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(io.userevents.model.UserEventCodec.create().encode(event));
      return java.util.HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anIdRecordedWithoutAFingerprintCountsAsADuplicate() {
    UserEvent created = TestEvents.created("u1", "alice");
    projection.apply(List.of(created));
    jdbc.sql("UPDATE processed_events SET fingerprint = NULL").update();

    ApplyResult again = projection.apply(List.of(created.withTimestamp(created.timestamp() + 1)));

    assertThat(again.count(Outcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void anEventFarOlderThanTheUserIsRecordedButDoesNotChangeTheRow() {
    UserEvent updated = TestEvents.updated("u1", "alice_b");
    UserEvent old =
        TestEvents.created("u1", "alice")
            .withTimestamp(updated.timestamp() - TOLERANCE.toMillis() - 1);
    projection.apply(List.of(updated));

    ApplyResult result = projection.apply(List.of(old));

    assertThat(result.count(Outcome.STALE)).isEqualTo(1);
    assertThat(queries.find("u1").orElseThrow().lastEventId()).isEqualTo(updated.eventId());
    assertThat(processedRows()).isEqualTo(2);
    assertThat(projection.apply(List.of(old)).count(Outcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void aDeleteStampedALittleEarlierThanTheUpdateBeforeItStillDeletes() {
    UserEvent updated = TestEvents.updated("u1", "alice");
    UserEvent deleted = TestEvents.deleted("u1").withTimestamp(updated.timestamp() - 2_000);

    projection.apply(List.of(updated));
    projection.apply(List.of(deleted));

    UserRow row = queries.find("u1").orElseThrow();
    assertThat(row.status()).isEqualTo(UserStatus.DELETED);
    assertThat(row.lastEventTimestamp()).isEqualTo(updated.occurredAt());
  }

  @Test
  void aReplayedEventOlderThanTheUserIsNotApplied() {
    UserEvent updated = TestEvents.updated("u1", "alice_b");
    UserEvent replayed = TestEvents.deleted("u1").withTimestamp(updated.timestamp() - 1);
    projection.apply(List.of(updated));

    ApplyResult result = projection.applyDeliveries(List.of(new Delivery(replayed, true)));

    assertThat(result.count(Outcome.STALE)).isEqualTo(1);
    assertThat(queries.find("u1").orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
  }

  @Test
  void failedBatchLeavesNothingBehind() {
    UserEvent good = TestEvents.created("u1", "alice");
    UserEvent bad = TestEvents.event(EventType.USER_CREATED, "u2", "bob", "bob@example.com");
    jdbc.sql("ALTER TABLE users ADD CONSTRAINT no_bob CHECK (username <> 'bob')").update();

    assertThatThrownBy(() -> projection.apply(List.of(good, bad)))
        .isInstanceOf(org.springframework.dao.DataAccessException.class);

    assertThat(queries.find("u1")).isEmpty();
    assertThat(processedRows()).isZero();
  }

  @Test
  void aProbeAppliesItsEventInATransactionThatIsAlwaysRolledBack() {
    projection.apply(List.of(TestEvents.created("u1", "alice")));

    projection.probe();
    projection.probe();

    assertThat(ProjectionTestAccess.probeRows(dataSource)).isZero();
    assertThat(processedRows()).isEqualTo(1);
    assertThat(queries.find("u1").orElseThrow().username()).isEqualTo("alice");
  }

  @Test
  void aProbeFailsLikeEveryEventWhenAConstraintRejectsEveryUserRow() {
    jdbc.sql("ALTER TABLE users ADD CONSTRAINT drift CHECK (user_id = 'nobody')").update();

    assertThatThrownBy(() -> projection.probe())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    assertThatThrownBy(() -> projection.apply(List.of(TestEvents.created("u1", "alice"))))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

    assertThat(processedRows()).isZero();
    jdbc.sql("ALTER TABLE users DROP CONSTRAINT drift").update();
    projection.probe();
    assertThat(ProjectionTestAccess.probeRows(dataSource)).isZero();
  }

  @Test
  void aRowIsNeverMovedBackInTimeByAWrite() {
    UserEvent created = TestEvents.created("u1", "alice");
    projection.apply(List.of(created));
    UserRow row = queries.find("u1").orElseThrow();
    UserRow older =
        new UserRow(
            "u1",
            "old",
            "old@example.com",
            UserStatus.ACTIVE,
            "older-event",
            row.lastEventTimestamp().minusSeconds(1),
            row.createdAt(),
            row.updatedAt());

    store.writeUsers(List.of(older));

    assertThat(queries.find("u1").orElseThrow().username()).isEqualTo("alice");
  }

  @Test
  void pagesActiveUsersByKeysetInUserIdOrder() {
    List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      events.add(TestEvents.created("p" + i, "user" + i));
    }
    events.add(TestEvents.deleted("p3"));
    projection.apply(events);

    UserQueries.UserPage first = queries.activeUsers(null, 4);
    UserQueries.UserPage second = queries.activeUsers(first.lastUserId(), 4);

    assertThat(first.users()).extracting(UserRow::userId).containsExactly("p0", "p1", "p2", "p4");
    assertThat(first.lastUserId()).isEqualTo("p4");
    assertThat(second.users()).extracting(UserRow::userId).containsExactly("p5", "p6");
    assertThat(second.lastUserId()).isNull();
  }

  @Test
  void pruningForgetsOldIdsInBatchesAndKeepsRecentOnes() {
    List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(TestEvents.created("r" + i, "user" + i));
    }
    projection.apply(events);
    jdbc.sql("UPDATE processed_events SET applied_at = ? WHERE event_id <> ?")
        .param(Instant.parse("2020-01-01T00:00:00Z").atOffset(java.time.ZoneOffset.UTC))
        .param(events.get(4).eventId())
        .update();
    Instant cutoff = Instant.now().minus(Duration.ofDays(1));

    int first = store.pruneProcessed(cutoff, 3);
    int second = store.pruneProcessed(cutoff, 3);

    assertThat(first).isEqualTo(3);
    assertThat(second).isEqualTo(1);
    assertThat(processedRows()).isEqualTo(1);
    assertThat(projection.apply(List.of(events.get(4))).count(Outcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void concurrentDeliveriesOfTheSameEventsTakeEffectOnce() throws Exception {
    List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(TestEvents.created("c" + i, "user" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Long> applyAll =
          () -> {
            try {
              return projection.apply(events).count(Outcome.APPLIED);
            } catch (org.springframework.dao.DataAccessException e) {
              // the loser of the race fails on the primary key and applies nothing
              return 0L;
            }
          };
      Future<Long> a = pool.submit(applyAll);
      Future<Long> b = pool.submit(applyAll);
      assertThat(a.get() + b.get()).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
    assertThat(processedRows()).isEqualTo(50);
    assertThat(projection.apply(events).count(Outcome.DUPLICATE)).isEqualTo(50);
  }

  private long processedRows() {
    return jdbc.sql("SELECT COUNT(*) FROM processed_events").query(Long.class).single();
  }
}
