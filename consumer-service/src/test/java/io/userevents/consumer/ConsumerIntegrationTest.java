package io.userevents.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.support.FaultInjectingDataSource;
import io.userevents.consumer.support.FaultInjection;
import io.userevents.consumer.support.KafkaTestClient;
import io.userevents.consumer.support.SpanCapture;
import io.userevents.consumer.support.TestJwt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context shared by the integration tests: the whole service against an
 * embedded KRaft broker and an in-memory H2 database (plain URL, default mode), read API secured by
 * the OIDC issuer in the test JVM, small retry back-off, finished spans in memory. Tests use unique
 * user ids, so they do not see each other's data.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // H2 in its default mode: the service needs no compatibility setting
      "spring.datasource.url=jdbc:h2:mem:consumer-it;DB_CLOSE_DELAY=-1",
      "management.server.port=0",
      "userevents.consumer.retry.initial-interval=50ms",
      "userevents.consumer.retry.multiplier=2",
      "userevents.consumer.retry.max-interval=200ms",
      "userevents.consumer.retry.max-attempts=4",
      "userevents.security.audience=" + TestJwt.AUDIENCE,
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import({FaultInjection.class, SpanCapture.class})
public abstract class ConsumerIntegrationTest {

  protected static final String TOPIC = "user-events";
  protected static final String DLT = "user-events-dlt";
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired protected MeterRegistry meters;
  @Autowired private DataSource dataSource;

  /** Reads around the fault injector, so that injected faults hit only the application. */
  protected UserQueries users;

  protected JdbcClient jdbc;

  @Value("${spring.kafka.bootstrap-servers}")
  protected String bootstrapServers;

  protected KafkaTestClient kafka;

  @DynamicPropertySource
  static void jwtKey(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwt::issuerUri);
  }

  @BeforeEach
  void openClients() {
    kafka = new KafkaTestClient(bootstrapServers);
    DataSource direct = faults().getTargetDataSource();
    users = ProjectionTestAccess.queries(direct);
    jdbc = JdbcClient.create(direct);
  }

  @AfterEach
  void closeKafkaClientAndClearFaults() {
    kafka.close();
    faults().reset();
  }

  protected FaultInjectingDataSource faults() {
    return (FaultInjectingDataSource) dataSource;
  }

  protected double count(String type, String outcome) {
    Counter counter =
        meters
            .find("userevents.consumer.events")
            .tag("type", type)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  protected UserRow awaitUser(String userId, String lastEventId) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> users.find(userId).orElse(null),
            row -> row != null && row.lastEventId().equals(lastEventId));
  }

  /**
   * Waits until {@code value} reaches {@code expected}, then checks that it stays there: a count
   * that went on past it (an event applied twice) fails.
   */
  protected static void awaitSettled(DoubleSupplier value, double expected) {
    await().atMost(PATIENCE).until(() -> value.getAsDouble() >= expected);
    await()
        .pollDelay(Duration.ofMillis(500))
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(value.getAsDouble()).isEqualTo(expected));
  }

  protected long processedCount(String eventId) {
    return jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }

  protected List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
    return kafka.readAll(DLT).stream().filter(r -> key.equals(r.key())).toList();
  }

  protected static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A {@code kafka_dlt-original-offset} style header: a big-endian long. */
  protected static long longHeader(ConsumerRecord<?, ?> record, String name) {
    return ByteBuffer.wrap(record.headers().lastHeader(name).value()).getLong();
  }
}
