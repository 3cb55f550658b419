package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.ConsumerApp;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * A second instance of the service on a plain H2 file URL, as a new user writes one (no
 * compatibility mode), with a short deduplication retention and otherwise default settings. The
 * behaviours share one start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneH2IntegrationTests extends ConsumerIntegrationTest {

  /** The v1 JSON of the course this project grew from. */
  private static final String COURSE_CREATED =
      "{\"eventId\":\"%s\",\"eventType\":\"USER_CREATED\",\"userId\":\"%s\","
          + "\"username\":\"john_doe\",\"email\":\"john@example.com\",\"timestamp\":%d,"
          + "\"metadata\":{\"source\":\"web-ui\",\"version\":\"1.0\"}}";

  private static final String COURSE_DELETED =
      "{\"eventId\":\"%s\",\"eventType\":\"USER_DELETED\",\"userId\":\"%s\",\"timestamp\":%d}";

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "standalone-" + id;
  private Path dir;
  private String url;
  private ConsumerApp app;
  private UserQueries queries;
  private JdbcClient database;

  @BeforeEach
  void startOnce() throws Exception {
    if (app != null) {
      return;
    }
    dir = Files.createTempDirectory("consumer-h2-");
    url = "jdbc:h2:file:" + dir.resolve("users");
    kafka.createTopics(topic, topic + "-dlt");
    app =
        ConsumerApp.start(
            Map.of(
                "spring.kafka.bootstrap-servers",
                bootstrapServers,
                "spring.datasource.url",
                url,
                "spring.kafka.consumer.group-id",
                "standalone-" + id,
                "userevents.consumer.topic",
                topic,
                "userevents.consumer.dead-letter-topic",
                topic + "-dlt",
                "userevents.consumer.processed-events.retention",
                "3s",
                "userevents.consumer.processed-events.prune-interval",
                "200ms"));
    javax.sql.DataSource direct = app.faults().getTargetDataSource();
    queries = ProjectionTestAccess.queries(direct);
    database = JdbcClient.create(direct);
  }

  @AfterAll
  void stop() {
    app.close();
    FileSystemUtils.deleteRecursively(dir.toFile());
  }

  @Test
  void appliesTheCourseVersion1JsonOnAPlainH2FileUrl() {
    String userId = "course-" + id;
    long now = System.currentTimeMillis();

    kafka.send(topic, userId, COURSE_CREATED.formatted("c-" + id, userId, now));
    kafka.send(topic, userId, COURSE_DELETED.formatted("d-" + id, userId, now + 1));

    UserRow row =
        await()
            .atMost(PATIENCE)
            .until(
                () -> queries.find(userId).orElse(null),
                r -> r != null && r.status() == UserStatus.DELETED);
    assertThat(row.lastEventId()).isEqualTo("d-" + id);
    assertThat(kafka.readAll(topic + "-dlt")).isEmpty();
  }

  @Test
  void listensWithOneConsumerOnH2ByDefault() {
    await().atMost(PATIENCE).until(() -> app.everyConsumerHasPartitions(1));
  }

  @Test
  void prunesIdsOlderThanTheRetentionAndSkipsRedeliveriesInsideIt() {
    double appliedBefore = app.total("applied");
    double duplicatesBefore = app.total("duplicate");
    UserEvent old = TestEvents.created(TestEvents.uniqueUserId("prune-old"), "old_user");
    kafka.send(topic, old);
    await().atMost(PATIENCE).until(() -> processed(old.eventId()) == 1);

    await().atMost(PATIENCE).until(() -> processed(old.eventId()) == 0);
    UserEvent recent = TestEvents.created(TestEvents.uniqueUserId("prune-new"), "new_user");
    kafka.send(topic, recent);
    kafka.send(topic, recent);

    await().atMost(PATIENCE).until(() -> app.total("duplicate") - duplicatesBefore == 1);
    assertThat(processed(recent.eventId())).isEqualTo(1);
    assertThat(app.total("applied") - appliedBefore).isEqualTo(2);
    assertThat(app.counter("userevents.consumer.processed-events.pruned"))
        .isGreaterThanOrEqualTo(1);
  }

  private long processed(String eventId) {
    return database
        .sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }
}
