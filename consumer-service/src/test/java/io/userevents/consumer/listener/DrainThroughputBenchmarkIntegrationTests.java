package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.PostgresDatabase;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.model.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Measures how fast the service drains a pre-filled topic into each database, next to a plain
 * single-threaded JDBC batch upsert of as many rows into the same database. Prints the numbers;
 * asserts only that the projection is complete and right. {@code -Dbenchmark.events=100000} for a
 * longer run. Tagged {@code benchmark}: not part of {@code ./mvnw verify} (see the README).
 */
@Tag("benchmark")
class DrainThroughputBenchmarkIntegrationTests extends ConsumerIntegrationTest {

  private static final int EVENTS = Integer.getInteger("benchmark.events", 20_000);
  private static final int EVENTS_PER_USER = 4;
  private static final int BATCH = 500;

  @Test
  void drainsAPreFilledTopicIntoH2() throws Exception {
    String url =
        "jdbc:h2:mem:bench-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    try {
      drain("h2", url, "sa", "", dataSource, false);
    } finally {
      JdbcClient.create(dataSource).sql("DROP ALL OBJECTS").update();
    }
  }

  @Test
  void drainsAPreFilledTopicIntoPostgres() throws Exception {
    try (PostgresDatabase database = PostgresDatabase.create("ue_bench")) {
      drain(
          "postgresql",
          database.url(),
          database.username(),
          database.password(),
          database.dataSource(),
          true);
    }
  }

  private void drain(
      String label,
      String url,
      String username,
      String password,
      DataSource dataSource,
      boolean postgres)
      throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String topic = "bench-" + id;
    UserEventScript script =
        new UserEventScript("bench-" + id, EVENTS / EVENTS_PER_USER, EVENTS_PER_USER);
    kafka.createTopics(topic, topic + "-dlt");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    String batches;
    double wallSeconds;
    try (ConsumerApp app =
        ConsumerApp.start(
            Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.datasource.url", url,
                "spring.datasource.username", username,
                "spring.datasource.password", password,
                "spring.kafka.consumer.group-id", "bench-" + id,
                "userevents.consumer.topic", topic,
                "userevents.consumer.dead-letter-topic", topic + "-dlt"))) {
      // Steady state first: every consumer owns a partition, then the topic is filled while the
      // listeners are paused, so the measurement starts with a full topic and a settled group.
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> app.everyConsumerHasPartitions(postgres ? 3 : 1));
      app.pauseListeners();
      await().atMost(PATIENCE).until(app::listenersPaused);
      List<Future<RecordMetadata>> acks = new ArrayList<>(script.events().size());
      for (UserEvent event : script.events()) {
        acks.add(kafka.sendAsync(topic, event));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
      long started = System.nanoTime();
      app.resumeListeners();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> count(jdbc, "processed_events") == script.events().size());
      wallSeconds = (System.nanoTime() - started) / 1e9;
      // metrics are recorded just after each commit
      await().atMost(PATIENCE).until(() -> app.total("applied") == script.events().size());
      batches = app.batchStatistics();
    }
    Map<String, Object> span =
        jdbc.sql(
                "SELECT MIN(applied_at) AS first_at, MAX(applied_at) AS last_at FROM processed_events")
            .query()
            .singleRow();
    double drainSeconds =
        Duration.between(instant(span.get("first_at")), instant(span.get("last_at"))).toNanos()
            / 1e9;
    double drainRate = script.events().size() / Math.max(drainSeconds, 0.001);
    double upsertRate = plainBatchUpsertRate(dataSource, script.events(), postgres);

    System.out.printf(
        "[drain-benchmark %s] events=%d users=%d drain=%.0f events/s (first to last commit %.2f s,"
            + " resume to last commit %.2f s); plain JDBC batch upsert=%.0f rows/s; ratio=%.2f; %s%n",
        label,
        script.events().size(),
        script.expected().size(),
        drainRate,
        drainSeconds,
        wallSeconds,
        upsertRate,
        drainRate / upsertRate,
        batches);
    assertThat(count(jdbc, "users")).isEqualTo(script.expected().size());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM users WHERE status = 'DELETED'")
                .query(Long.class)
                .single())
        .isEqualTo(script.expected().values().stream().filter(e -> e.email() == null).count());
    assertThat(kafka.readAll(topic + "-dlt")).isEmpty();
  }

  /** One upsert per event, batches of 500, one transaction per batch, one thread. */
  private static double plainBatchUpsertRate(
      DataSource dataSource, List<UserEvent> events, boolean postgres) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE bench_users (user_id VARCHAR(128) PRIMARY KEY, username VARCHAR(50),"
                + " email VARCHAR(254), status VARCHAR(16) NOT NULL, last_event_id VARCHAR(128)"
                + " NOT NULL, last_event_ts TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      String sql =
          postgres
              ? "INSERT INTO bench_users VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE"
                  + " SET username = EXCLUDED.username, email = EXCLUDED.email,"
                  + " status = EXCLUDED.status, last_event_id = EXCLUDED.last_event_id,"
                  + " last_event_ts = EXCLUDED.last_event_ts"
              : "MERGE INTO bench_users KEY (user_id) VALUES (?, ?, ?, ?, ?, ?)";
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      try (PreparedStatement upsert = connection.prepareStatement(sql)) {
        int inBatch = 0;
        for (UserEvent event : events) {
          upsert.setString(1, event.userId());
          upsert.setString(2, event.username());
          upsert.setString(3, event.email());
          upsert.setString(4, event.email() == null ? "DELETED" : "ACTIVE");
          upsert.setString(5, event.eventId());
          upsert.setObject(6, event.occurredAt().atOffset(java.time.ZoneOffset.UTC));
          upsert.addBatch();
          if (++inBatch == BATCH) {
            upsert.executeBatch();
            connection.commit();
            inBatch = 0;
          }
        }
        upsert.executeBatch();
        connection.commit();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return events.size() / seconds;
    }
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static java.time.Instant instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }
}
