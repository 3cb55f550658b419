package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.consumer.support.UserEventScript.Expected;
import io.userevents.consumer.support.UserWrites;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * On H2 (max-attempts 4): while the {@code users} table is missing every event fails with bad SQL
 * grammar, a systemic failure. Consumption is held with readiness DOWN, nothing is dead-lettered
 * however long it lasts, and once the table is back every event is applied exactly once.
 */
class MissingTableIntegrationTests extends ConsumerIntegrationTest {

  @Autowired private SystemicFailures systemicFailures;

  @Autowired
  @Qualifier("kafkaListenersHealthIndicator")
  private HealthIndicator listeners;

  @Test
  void holdsWhileTheUsersTableIsMissingAndAppliesEveryEventOnceWhenItIsBack() {
    UserEventScript script =
        new UserEventScript("missing-" + UUID.randomUUID().toString().substring(0, 8), 20, 3);
    List<UserEvent> events = script.events();
    double effectsBefore = effects();
    double schemaFailuresBefore = schemaFailures();
    UserWrites.install(jdbc);

    jdbc.sql("ALTER TABLE users RENAME TO users_away").update();
    try {
      events.forEach(event -> kafka.sendAsync(TOPIC, event));
      kafka.flush();
      await().atMost(PATIENCE).until(() -> schemaFailures() - schemaFailuresBefore >= 12);
      assertThat(listeners.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(systemicFailures.current().reason()).isEqualTo("schema");
      assertThat(effects()).isEqualTo(effectsBefore);
    } finally {
      jdbc.sql("ALTER TABLE users_away RENAME TO users").update();
    }

    await().atMost(PATIENCE).until(() -> effects() - effectsBefore >= events.size());
    await()
        .pollDelay(Duration.ofMillis(500))
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(effects() - effectsBefore).isEqualTo(events.size()));
    await().atMost(PATIENCE).until(() -> systemicFailures.current() == null);
    assertThat(listeners.health().getStatus()).isEqualTo(Status.UP);
    Set<String> users = script.expected().keySet();
    assertThat(kafka.readAll(DLT).stream().filter(r -> users.contains(r.key()))).isEmpty();
    Map<String, Expected> projection = new HashMap<>();
    users.forEach(
        user -> this.users.find(user).ifPresent(row -> projection.put(user, Expected.of(row))));
    assertThat(projection).isEqualTo(script.expected());
    events.forEach(event -> assertThat(processedCount(event.eventId())).isEqualTo(1));
    assertThat(UserWrites.rewrites(users)).isZero();
  }

  private double effects() {
    return meters.find("userevents.consumer.events").tag("outcome", "applied").counters().stream()
            .mapToDouble(Counter::count)
            .sum()
        + meters.find("userevents.consumer.events").tag("outcome", "stale").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  private double schemaFailures() {
    Counter counter = meters.find(SystemicFailures.FAILURES).tag("reason", "schema").counter();
    return counter == null ? 0 : counter.count();
  }
}
