package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.PostgresDatabase;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.model.UserEvent;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Systemic failures on PostgreSQL, with {@code retry.max-attempts=3}: the {@code users} table
 * renamed away, the database refusing connections, and the table locked by another session. Each
 * time consumption is held (readiness DOWN, {@code userevents.consumer.paused} 1), nothing is
 * dead-lettered, no member is fenced, and when the cause is gone every event is applied exactly
 * once. One instance of the service serves the three cases to keep the class short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIntegrationTests extends ConsumerIntegrationTest {

  private static final int EVENTS = 1_000;
  private static final Duration RENAMED_FOR = Duration.ofSeconds(60);
  private static final Duration REFUSED_FOR = Duration.ofSeconds(30);
  private static final Duration LOCKED_FOR = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofMinutes(2);

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "outage-" + id;
  private final String group = "outage-" + id;
  private PostgresDatabase database;
  private DriverManagerDataSource direct;
  private JdbcClient sql;
  private ConsumerApp app;

  @BeforeAll
  void startTheServiceOnPostgres() {
    database = PostgresDatabase.create("ue_outage");
    direct = database.dataSource();
    sql = JdbcClient.create(direct);
    app = ConsumerApp.start(properties());
    // Counts every write of a user row, so that an event applied twice shows as a second write
    // of the same (user, last event).
    sql.sql("CREATE TABLE test_user_writes (user_id VARCHAR(128), last_event_id VARCHAR(128))")
        .update();
    sql.sql(
            "CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO test_user_writes VALUES (NEW.user_id, NEW.last_event_id);"
                + " RETURN NEW; END $$")
        .update();
    sql.sql(
            "CREATE TRIGGER test_user_writes AFTER INSERT OR UPDATE ON users"
                + " FOR EACH ROW EXECUTE FUNCTION test_count_write()")
        .update();
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
  void holdsWhileTheUsersTableIsRenamedAndAppliesEveryEventOnceWhenItIsBack() throws Exception {
    UserEventScript script = new UserEventScript("renamed-" + id, EVENTS / 4, 4);
    Baseline before = baseline();
    long start = System.nanoTime();

    sql.sql("ALTER TABLE users RENAME TO users_away").update();
    long acknowledged = kafka.sendAll(topic, script.events());
    String held = awaitHeld();
    assertThat(held).startsWith("schema");
    awaitHeldFor(start, RENAMED_FOR);
    sql.sql("ALTER TABLE users_away RENAME TO users").update();

    System.out.println("[users-renamed] held for " + held);
    assertAppliedOnce("users-renamed", script, acknowledged, before, start, System.nanoTime());
  }

  @Test
  void holdsWhilePostgresRefusesConnectionsAndAppliesEveryEventOnceWhenItIsBack() throws Exception {
    UserEventScript script = new UserEventScript("refused-" + id, EVENTS / 4, 4);
    List<UserEvent> beforeOutage = script.events().subList(0, EVENTS / 2);
    List<UserEvent> duringOutage = script.events().subList(EVENTS / 2, EVENTS);
    Baseline before = baseline();
    long acknowledged = kafka.sendAll(topic, beforeOutage);
    await()
        .atMost(SETTLE)
        .until(() -> ProjectionTestAccess.processed(direct, beforeOutage) == beforeOutage.size());
    long start = System.nanoTime();

    database.allowConnections(false);
    database.terminateConnections();
    acknowledged += kafka.sendAll(topic, duringOutage);
    String held = awaitHeld();
    assertThat(held).startsWith("database-unavailable");
    awaitHeldFor(start, REFUSED_FOR);
    database.allowConnections(true);

    System.out.println("[connections-refused] held for " + held);
    assertAppliedOnce(
        "connections-refused", script, acknowledged, before, start, System.nanoTime());
  }

  @Test
  void holdsWhileAnotherSessionLocksTheUsersTableWithoutFencingAnyMember() throws Exception {
    UserEventScript script = new UserEventScript("locked-" + id, EVENTS / 4, 4);
    Baseline before = baseline();
    Group groupBefore = group();
    long start = System.nanoTime();

    try (Connection locker = direct.getConnection();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
      long acknowledged = kafka.sendAll(topic, script.events());
      String held = awaitHeld();
      System.out.println("[users-locked] held for " + held);
      awaitHeldFor(start, LOCKED_FOR);
      assertThat(ProjectionTestAccess.processed(direct, script.events())).isZero();
      // Each attempt ends at the 3 s statement timeout instead of hanging on the lock: a hung
      // attempt would leave a handful of failures in the minute, not one every few seconds.
      assertThat(app.systemicFailures() - before.systemicFailures()).isGreaterThanOrEqualTo(10);
      locker.rollback();

      assertAppliedOnce("users-locked", script, acknowledged, before, start, System.nanoTime());
    }
    assertThat(group()).isEqualTo(groupBefore);
    assertThat(app.anyListenerStoppedAbnormally()).isFalse();
  }

  /** Waits until readiness is DOWN for a hold; returns its reason and cause as shown there. */
  private String awaitHeld() {
    await()
        .atMost(SETTLE)
        .until(
            () ->
                app.listenersHealth().getStatus().equals(Status.DOWN)
                    && app.held("reason") != null
                    && app.paused() == 1);
    return app.held("reason") + ": " + app.held("cause");
  }

  /** Waits until {@code duration} has passed since {@code start}, the hold staying in place. */
  private void awaitHeldFor(long start, Duration duration) {
    await()
        .pollDelay(Duration.ofNanos(Math.max(0, duration.toNanos() - (System.nanoTime() - start))))
        .atMost(duration.plusSeconds(30))
        .until(() -> app.paused() == 1);
  }

  private void assertAppliedOnce(
      String name,
      UserEventScript script,
      long acknowledged,
      Baseline before,
      long start,
      long released) {
    List<UserEvent> events = script.events();
    await()
        .atMost(SETTLE)
        .until(() -> ProjectionTestAccess.processed(direct, events) == events.size());
    long settled = System.nanoTime();
    awaitSettledWithinOutage(
        () -> app.total("applied") + app.total("stale") - before.effects(), EVENTS);
    await().atMost(SETTLE).until(() -> app.paused() == 0);
    assertThat(app.listenersHealth().getStatus()).isEqualTo(Status.UP);
    Set<String> keys = script.expected().keySet();
    long deadLetters =
        kafka.readAll(topic + "-dlt").stream().filter(r -> keys.contains(r.key())).count();
    new FaultReport(
            name,
            events.size(),
            acknowledged,
            ProjectionTestAccess.processed(direct, events),
            (long) (app.total("applied") + app.total("stale") - before.effects()),
            "(held %.0f s, all applied %.1f s after the cause was gone, systemic failures=%d,"
                    .formatted(
                        (released - start) / 1e9,
                        (settled - released) / 1e9,
                        (long) (app.systemicFailures() - before.systemicFailures()))
                + " dead letters=%d, rewrites=%d)".formatted(deadLetters, rewrites(keys)))
        .print();
    assertThat(deadLetters).isZero();
    assertThat(app.total("dead_lettered")).isEqualTo(before.deadLettered());
    assertThat(app.systemicFailures()).isGreaterThan(before.systemicFailures());
    assertThat(ProjectionTestAccess.processed(direct, events)).isEqualTo(EVENTS);
    assertThat(rewrites(keys)).isZero();
    assertThat(script.found(ProjectionTestAccess.queries(direct))).isEqualTo(script.expected());
  }

  /** Writes of a user row with a last event it already had: a second application. */
  private long rewrites(Set<String> users) {
    return sql.sql(
            "SELECT COUNT(*) FROM (SELECT user_id, last_event_id FROM test_user_writes"
                + " WHERE user_id = ANY (?) GROUP BY user_id, last_event_id HAVING COUNT(*) > 1) d")
        .param(users.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  private Baseline baseline() {
    return new Baseline(
        app.total("applied") + app.total("stale"),
        app.total("dead_lettered"),
        app.systemicFailures());
  }

  private record Baseline(double effects, double deadLettered, double systemicFailures) {}

  /** The group's epoch and its members' ids and assignments: unchanged unless one was fenced. */
  private record Group(int epoch, Map<String, String> members) {}

  private Group group() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      return new Group(
          description.groupEpoch().orElse(-1),
          description.members().stream()
              .collect(
                  Collectors.toMap(
                      MemberDescription::consumerId,
                      m -> m.assignment().topicPartitions().toString())));
    }
  }

  /** Waits until {@code value} reaches {@code expected}, then checks that it stays there. */
  private static void awaitSettledWithinOutage(DoubleSupplier value, double expected) {
    await().atMost(SETTLE).until(() -> value.getAsDouble() >= expected);
    await()
        .pollDelay(Duration.ofSeconds(1))
        .atMost(SETTLE)
        .untilAsserted(() -> assertThat(value.getAsDouble()).isEqualTo(expected));
  }

  private Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>(database.serviceProperties());
    properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    properties.put("spring.datasource.hikari.connection-timeout", "1000");
    properties.put("spring.datasource.hikari.maximum-pool-size", "4");
    properties.put("spring.kafka.consumer.group-id", group);
    properties.put("spring.kafka.consumer.max-poll-records", "100");
    properties.put("userevents.consumer.topic", topic);
    properties.put("userevents.consumer.dead-letter-topic", topic + "-dlt");
    properties.put("userevents.consumer.database.statement-timeout", "3s");
    properties.put("userevents.consumer.retry.initial-interval", "200ms");
    properties.put("userevents.consumer.retry.multiplier", "2");
    properties.put("userevents.consumer.retry.max-interval", "2s");
    properties.put("userevents.consumer.retry.max-attempts", "3");
    return properties;
  }
}
