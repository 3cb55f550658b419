package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.PostgresDatabase;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.consumer.support.UserEventScript.Expected;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL goes away while the service consumes: its connections are terminated and new ones
 * refused ({@code ALLOW_CONNECTIONS false}) for a while. Records are retried, not dead-lettered;
 * processing resumes when the database is back; nothing is lost or applied twice.
 */
class DatabaseOutageIntegrationTests extends ConsumerIntegrationTest {

  @Test
  void retriesThroughADatabaseOutageAndLosesNothing() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String topic = "outage-" + id;
    kafka.createTopics(topic, topic + "-dlt");
    UserEventScript script = new UserEventScript("outage-" + id, 150, 4);
    List<UserEvent> before = script.events().subList(0, 300);
    List<UserEvent> during = script.events().subList(300, script.events().size());

    try (PostgresDatabase database = PostgresDatabase.create("ue_outage")) {
      DriverManagerDataSource direct =
          new DriverManagerDataSource(database.url(), database.username(), database.password());
      JdbcClient jdbc = JdbcClient.create(direct);
      FaultReport report;
      try (ConsumerApp app = ConsumerApp.start(properties(database, topic, id))) {
        long acknowledged = send(topic, before);
        await().atMost(PATIENCE).until(() -> processed(jdbc) == before.size());

        long outageStarted = System.nanoTime();
        database.allowConnections(false);
        database.terminateConnections();
        double retriedBefore = app.total("retried");
        acknowledged += send(topic, during);
        // the outage lasts at least 5 s and until the service retried a few times
        await()
            .pollDelay(Duration.ofSeconds(5))
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> app.total("retried") >= retriedBefore + 3);
        double retriedDuringOutage = app.total("retried") - retriedBefore;
        database.allowConnections(true);
        double outageSeconds = (System.nanoTime() - outageStarted) / 1e9;

        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> processed(jdbc) == script.events().size());
        await()
            .atMost(PATIENCE)
            .until(() -> app.total("applied") + app.total("stale") >= script.events().size() - 50);
        report =
            new FaultReport(
                    "database-outage",
                    script.events().size(),
                    acknowledged,
                    processed(jdbc),
                    (long) (app.total("applied") + app.total("stale")),
                    "(outage=%.1f s, retried during outage=%d, dead-lettered=%d)"
                        .formatted(
                            outageSeconds,
                            (long) retriedDuringOutage,
                            (long) app.total("dead_lettered")))
                .print();
        assertThat(app.total("dead_lettered")).isZero();
      }
      assertThat(report.lost()).isZero();
      assertThat(report.duplicated()).isZero();
      assertThat(kafka.readAll(topic + "-dlt")).isEmpty();
      assertThat(projection(direct)).isEqualTo(script.expected());
    }
  }

  private long send(String topic, List<UserEvent> events) throws Exception {
    List<Future<RecordMetadata>> acks =
        events.stream().map(e -> kafka.sendAsync(topic, e)).toList();
    long acknowledged = 0;
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
      acknowledged++;
    }
    return acknowledged;
  }

  private Map<String, String> properties(PostgresDatabase database, String topic, String id) {
    Map<String, String> properties = new HashMap<>();
    properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
    properties.put("spring.datasource.url", database.url());
    properties.put("spring.datasource.username", database.username());
    properties.put("spring.datasource.password", database.password());
    properties.put("spring.datasource.hikari.connection-timeout", "1000");
    properties.put("spring.datasource.hikari.maximum-pool-size", "4");
    properties.put("spring.kafka.consumer.group-id", "outage-" + id);
    properties.put("spring.kafka.consumer.max-poll-records", "50");
    properties.put("userevents.consumer.topic", topic);
    properties.put("userevents.consumer.dead-letter-topic", topic + "-dlt");
    properties.put("userevents.consumer.retry.initial-interval", "200ms");
    properties.put("userevents.consumer.retry.multiplier", "2");
    properties.put("userevents.consumer.retry.max-interval", "1s");
    properties.put("userevents.consumer.retry.max-attempts", "200");
    return properties;
  }

  private static long processed(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM processed_events").query(Long.class).single();
  }

  private static Map<String, Expected> projection(DriverManagerDataSource dataSource) {
    UserQueries queries = ProjectionTestAccess.queries(dataSource);
    Map<String, Expected> rows = new HashMap<>();
    for (String userId :
        JdbcClient.create(dataSource).sql("SELECT user_id FROM users").query(String.class).list()) {
      rows.put(userId, Expected.of(queries.find(userId).orElseThrow()));
    }
    return rows;
  }
}
