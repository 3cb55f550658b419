package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.PostgresDatabase;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On PostgreSQL ({@code max-attempts} 3, back-off up to 500 ms), one instance for both cases: a
 * CHECK constraint that no row meets, added without checking the rows already there ({@code NOT
 * VALID}), fails every event with SQLSTATE 23514, which the exception alone would blame on the
 * record. The probe event fails as well, so the events are held, none is dead-lettered, and once
 * the constraint is dropped each is applied exactly once. A constraint that only one event breaks
 * still dead-letters that event, and the events around it apply. The instance also shows the
 * listener's default concurrency on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSchemaDriftIntegrationTests extends ConsumerIntegrationTest {

  private static final int EVENTS = 20;

  /** Many back-offs of this instance: 500 ms at most between two attempts. */
  private static final Duration HELD_WINDOW = Duration.ofSeconds(5);

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "drift-" + id;
  private PostgresDatabase database;
  private DriverManagerDataSource direct;
  private JdbcClient sql;
  private ConsumerApp app;

  @BeforeAll
  void startTheServiceOnPostgres() {
    database = PostgresDatabase.create("ue_drift");
    direct = database.dataSource();
    sql = JdbcClient.create(direct);
    app = ConsumerApp.start(properties());
  }

  @AfterAll
  void stopTheService() {
    if (app != null) {
      app.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void listensWithThreeConsumersOnPostgresByDefault() {
    await().atMost(PATIENCE).until(() -> app.everyConsumerHasPartitions(3));
  }

  @Test
  void holdsEveryEventWhileACheckConstraintRejectsEveryUserAndAppliesEachOnceWhenItIsDropped() {
    UserEventScript script = new UserEventScript("drift-" + id, EVENTS, 1);
    List<UserEvent> events = script.events();
    double appliedBefore = app.total("applied");
    double deadLetteredBefore = app.total("dead_lettered");
    double probeFailuresBefore = app.systemicFailures(DeadLetterRecoverer.PROBE_FAILED);
    long start = System.nanoTime();

    sql.sql("ALTER TABLE users ADD CONSTRAINT schema_drift CHECK (false) NOT VALID").update();
    long acknowledged;
    double probeFailures;
    try {
      acknowledged = kafka.sendAll(topic, events);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  app.paused() == 1
                      && app.listenersHealth().getStatus().equals(Status.DOWN)
                      && DeadLetterRecoverer.PROBE_FAILED.equals(app.held("reason")));
      await()
          .during(HELD_WINDOW)
          .atMost(HELD_WINDOW.plus(PATIENCE))
          .untilAsserted(
              () -> {
                assertThat(app.paused()).isEqualTo(1);
                assertThat(app.listenersHealth().getStatus()).isEqualTo(Status.DOWN);
                assertThat(app.held("reason")).isEqualTo(DeadLetterRecoverer.PROBE_FAILED);
                assertThat(app.total("dead_lettered")).isEqualTo(deadLetteredBefore);
                assertThat(ProjectionTestAccess.processed(direct, events)).isZero();
              });
      assertThat(app.held("cause")).isEqualTo("org.postgresql.util.PSQLException, SQLSTATE 23514");
      probeFailures = app.systemicFailures(DeadLetterRecoverer.PROBE_FAILED) - probeFailuresBefore;
    } finally {
      sql.sql("ALTER TABLE users DROP CONSTRAINT schema_drift").update();
    }
    long released = System.nanoTime();

    await().atMost(PATIENCE).until(() -> ProjectionTestAccess.processed(direct, events) == EVENTS);
    awaitSettled(() -> app.total("applied") - appliedBefore, EVENTS);
    await().atMost(PATIENCE).until(() -> app.paused() == 0);
    assertThat(app.listenersHealth().getStatus()).isEqualTo(Status.UP);
    Set<String> users = script.expected().keySet();
    long deadLetters = deadLetters(users).size();
    new FaultReport(
            "schema-drift-postgres",
            EVENTS,
            acknowledged,
            ProjectionTestAccess.processed(direct, events),
            (long) (app.total("applied") - appliedBefore),
            "(held %.1f s, %.0f failed probes, dead letters=%d)"
                .formatted((released - start) / 1e9, probeFailures, deadLetters))
        .print();
    assertThat(probeFailures).isPositive();
    assertThat(deadLetters).isZero();
    assertThat(app.total("dead_lettered")).isEqualTo(deadLetteredBefore);
    assertThat(ProjectionTestAccess.processed(direct, events)).isEqualTo(EVENTS);
    assertThat(script.found(users())).isEqualTo(script.expected());
    assertThat(ProjectionTestAccess.probeRows(direct)).isZero();
  }

  @Test
  void deadLettersOnlyTheEventAConstraintRejectsAndAppliesTheEventsAroundIt() {
    String userId = TestEvents.uniqueUserId("rejected");
    UserEvent before = TestEvents.created(userId, "before_bad");
    UserEvent bad = TestEvents.updated(userId, "rejected_name");
    UserEvent after = TestEvents.updated(userId, "after_bad");
    double deadLetteredBefore = app.total("dead_lettered");
    double appliedBefore = app.total("applied");

    sql.sql("ALTER TABLE users ADD CONSTRAINT no_rejected_name CHECK (username <> 'rejected_name')")
        .update();
    try {
      // one at a time: in one batch the user's rows fold into the last, which the check accepts
      kafka.sendAll(topic, List.of(before));
      awaitLastEvent(userId, before);
      kafka.sendAll(topic, List.of(bad));
      await().atMost(PATIENCE).until(() -> deadLetters(Set.of(userId)).size() == 1);
      kafka.sendAll(topic, List.of(after));
      awaitLastEvent(userId, after);
    } finally {
      sql.sql("ALTER TABLE users DROP CONSTRAINT no_rejected_name").update();
    }

    awaitSettled(() -> app.total("applied") - appliedBefore, 2);
    assertThat(app.total("dead_lettered") - deadLetteredBefore).isEqualTo(1);
    List<ConsumerRecord<String, byte[]>> dead = deadLetters(Set.of(userId));
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterRecoverer.REASON_HEADER))
        .isEqualTo("PROCESSING_FAILED");
    assertThat(dead.get(0).value()).isEqualTo(UserEventCodec.create().encode(bad));
    assertThat(ProjectionTestAccess.processed(direct, List.of(before, bad, after))).isEqualTo(2);
    assertThat(users().find(userId).orElseThrow().username()).isEqualTo("after_bad");
    assertThat(app.paused()).isZero();
    assertThat(ProjectionTestAccess.probeRows(direct)).isZero();
  }

  private void awaitLastEvent(String userId, UserEvent event) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> users().find(userId).map(UserRow::lastEventId).orElse(null),
            event.eventId()::equals);
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(Set<String> keys) {
    return kafka.readAll(topic + "-dlt").stream().filter(r -> keys.contains(r.key())).toList();
  }

  private UserQueries users() {
    return ProjectionTestAccess.queries(direct);
  }

  private Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>(database.serviceProperties());
    properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    properties.put("spring.datasource.hikari.maximum-pool-size", "4");
    properties.put("spring.kafka.consumer.group-id", "drift-" + id);
    properties.put("userevents.consumer.topic", topic);
    properties.put("userevents.consumer.dead-letter-topic", topic + "-dlt");
    properties.put("userevents.consumer.database.statement-timeout", "3s");
    properties.put("userevents.consumer.retry.initial-interval", "100ms");
    properties.put("userevents.consumer.retry.multiplier", "2");
    properties.put("userevents.consumer.retry.max-interval", "500ms");
    properties.put("userevents.consumer.retry.max-attempts", "3");
    return properties;
  }
}
