package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.consumer.support.UserEventScript.Expected;
import io.userevents.consumer.support.UserWrites;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An instance dies right after a database commit, before it commits the offsets (the listener
 * thread throws an Error; the context is then closed). A new instance on the same group and
 * database must end in the expected projection with every event taking effect exactly once.
 */
class ConsumerCrashIntegrationTests extends ConsumerIntegrationTest {

  private static final int USERS = 200;
  private static final int EVENTS_PER_USER = 10;

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "crash-" + id;
  private final String dbUrl =
      "jdbc:h2:mem:crash-" + id + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
  private DriverManagerDataSource database;

  @BeforeEach
  void database() {
    database = new DriverManagerDataSource(dbUrl, "sa", "");
  }

  @AfterEach
  void dropDatabase() {
    JdbcClient.create(database).sql("DROP ALL OBJECTS").update();
  }

  @Test
  void restartAfterACrashBetweenDatabaseCommitAndOffsetCommitLosesNothingAndAppliesNothingTwice()
      throws Exception {
    UserEventScript script = new UserEventScript("crash-" + id, USERS, EVENTS_PER_USER);
    kafka.createTopics(topic, topic + "-dlt");
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (UserEvent event : script.events()) {
      acks.add(kafka.sendAsync(topic, event));
    }
    long acknowledged = 0;
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
      acknowledged++;
    }

    long processedAtCrash;
    long committedAtCrash;
    try (ConsumerApp first = ConsumerApp.start(appProperties("1", false))) {
      UserWrites.install(JdbcClient.create(database));
      first.faults().crashAfterCommits(5);
      first.startListeners();
      await().atMost(PATIENCE).until(() -> first.faults().crashed());
      await().atMost(PATIENCE).until(first::anyListenerStoppedAbnormally);
      // A stopped container takes the instance out of readiness (kafkaListeners is in the group).
      Health listeners = first.listenersHealth();
      assertThat(listeners.getStatus()).isEqualTo(Status.DOWN);
      assertThat(listeners.getDetails().values())
          .anySatisfy(
              container ->
                  assertThat(container)
                      .asInstanceOf(InstanceOfAssertFactories.MAP)
                      .containsEntry("running", false));
      processedAtCrash = processedRows();
      committedAtCrash = committedOffsets();
    }
    assertThat(processedAtCrash).isGreaterThan(committedAtCrash).isLessThan(script.events().size());

    double effectsAfterRestart;
    double duplicatesAfterRestart;
    try (ConsumerApp second = ConsumerApp.start(appProperties("3", true))) {
      await().atMost(PATIENCE).until(() -> processedRows() == script.events().size());
      await().atMost(PATIENCE).until(() -> committedOffsets() == kafka.readAll(topic).size());
      // the counters are incremented just after each commit: wait until they settle
      long remaining = script.events().size() - processedAtCrash;
      await()
          .atMost(PATIENCE)
          .until(() -> second.total("applied") + second.total("stale") >= remaining);
      await()
          .pollDelay(Duration.ofSeconds(1))
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(second.total("applied") + second.total("stale")).isEqualTo(remaining));
      effectsAfterRestart = second.total("applied") + second.total("stale");
      duplicatesAfterRestart = second.total("duplicate");
    }

    FaultReport report =
        new FaultReport(
                "consumer-crash",
                script.events().size(),
                acknowledged,
                processedRows(),
                // what the first instance committed plus what the second applied (or found stale):
                // an event applied again after the restart would count twice
                processedAtCrash + (long) effectsAfterRestart,
                "(applied before crash=%d, offsets committed at crash=%d, redelivered and skipped=%d)"
                    .formatted(processedAtCrash, committedAtCrash, (long) duplicatesAfterRestart))
            .print();
    assertThat(report.lost()).isZero();
    assertThat(report.duplicated()).isZero();
    assertThat(report.unreported()).isZero();
    assertThat(UserWrites.rewrites(script.expected().keySet())).isZero();
    // Every record between the committed offsets and what the first instance applied came back
    // and was skipped. There may be more: the new instance's three consumers join one after the
    // other, and an offset commit that races their rebalance fails (stale member epoch), so the
    // partition's next owner gets that batch again and skips it too. Exactly once is the
    // duplicated() check above: no event took effect twice.
    assertThat((long) duplicatesAfterRestart)
        .isGreaterThanOrEqualTo(processedAtCrash - committedAtCrash);
    assertThat(projection()).isEqualTo(script.expected());
    var deadLetters = kafka.readAll(topic + "-dlt");
    assertThat(deadLetters)
        .as(
            () ->
                deadLetters.stream()
                    .limit(3)
                    .map(
                        r ->
                            header(r, DeadLetterRecoverer.REASON_HEADER)
                                + " "
                                + header(r, "kafka_dlt-exception-message")
                                + " "
                                + header(r, "kafka_dlt-exception-stacktrace"))
                    .toList()
                    .toString())
        .isEmpty();
  }

  private Map<String, String> appProperties(String concurrency, boolean autoStartup) {
    return Map.of(
        "spring.kafka.bootstrap-servers",
        bootstrapServers,
        "spring.datasource.url",
        dbUrl,
        "spring.kafka.consumer.group-id",
        "crash-group-" + id,
        "spring.kafka.consumer.max-poll-records",
        "100",
        "spring.kafka.listener.auto-startup",
        String.valueOf(autoStartup),
        "userevents.consumer.topic",
        topic,
        "userevents.consumer.dead-letter-topic",
        topic + "-dlt",
        "userevents.consumer.concurrency",
        concurrency);
  }

  private long processedRows() {
    return JdbcClient.create(database)
        .sql("SELECT COUNT(*) FROM processed_events")
        .query(Long.class)
        .single();
  }

  private long committedOffsets() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<?, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets("crash-group-" + id).partitionsToOffsetAndMetadata().get();
      return offsets.values().stream()
          .filter(java.util.Objects::nonNull)
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    }
  }

  private Map<String, Expected> projection() {
    UserQueries queries = ProjectionTestAccess.queries(database);
    Map<String, Expected> rows = new HashMap<>();
    for (String userId :
        JdbcClient.create(database).sql("SELECT user_id FROM users").query(String.class).list()) {
      rows.put(userId, Expected.of(queries.find(userId).orElseThrow()));
    }
    return rows;
  }
}
