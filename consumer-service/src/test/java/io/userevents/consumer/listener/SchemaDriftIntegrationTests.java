package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.UserEventScript;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * On H2 (the shared context, max-attempts 4, back-off up to 200 ms): a NOT NULL column whose
 * default was dropped fails every new user row with an integrity violation, which the exception
 * alone would blame on the record. The probe event fails as well, so the events are held (reason
 * {@code probe-failed}, readiness DOWN), none is dead-lettered however long it lasts, and once the
 * column is gone each event is applied exactly once.
 */
class SchemaDriftIntegrationTests extends ConsumerIntegrationTest {

  private static final int EVENTS = 20;

  /** Many back-offs of this context: 200 ms at most between two attempts. */
  private static final Duration HELD_WINDOW = Duration.ofSeconds(4);

  @Autowired private SystemicFailures systemicFailures;

  @Autowired
  @Qualifier("kafkaListenersHealthIndicator")
  private HealthIndicator listeners;

  @Test
  void holdsEveryEventWhileANewNotNullColumnRejectsEveryUserAndAppliesEachOnceWhenItIsGone() {
    UserEventScript script =
        new UserEventScript("drift-" + UUID.randomUUID().toString().substring(0, 8), EVENTS, 1);
    List<UserEvent> events = script.events();
    double appliedBefore = total("applied");
    double deadLetteredBefore = total("dead_lettered");
    double probeFailuresBefore = probeFailures();
    long start = System.nanoTime();

    jdbc.sql("ALTER TABLE users ADD COLUMN tenant_id VARCHAR(36) DEFAULT 'none' NOT NULL").update();
    jdbc.sql("ALTER TABLE users ALTER COLUMN tenant_id DROP DEFAULT").update();
    long acknowledged;
    double probeFailures;
    try {
      acknowledged = kafka.sendAll(TOPIC, events);
      await().atMost(PATIENCE).until(() -> probeFailures() > probeFailuresBefore && paused() == 1);
      await()
          .during(HELD_WINDOW)
          .atMost(HELD_WINDOW.plus(PATIENCE))
          .untilAsserted(
              () -> {
                assertThat(paused()).isEqualTo(1);
                assertThat(listeners.health().getStatus()).isEqualTo(Status.DOWN);
                assertThat(systemicFailures.current())
                    .extracting(SystemicFailures.Hold::reason)
                    .isEqualTo(DeadLetterRecoverer.PROBE_FAILED);
                assertThat(total("dead_lettered")).isEqualTo(deadLetteredBefore);
                assertThat(processed(events)).isZero();
              });
      probeFailures = probeFailures() - probeFailuresBefore;
    } finally {
      jdbc.sql("ALTER TABLE users DROP COLUMN tenant_id").update();
    }
    long released = System.nanoTime();

    await().atMost(PATIENCE).until(() -> processed(events) == EVENTS);
    awaitSettled(() -> total("applied") - appliedBefore, EVENTS);
    await().atMost(PATIENCE).until(() -> systemicFailures.current() == null);
    assertThat(paused()).isZero();
    assertThat(listeners.health().getStatus()).isEqualTo(Status.UP);
    Set<String> users = script.expected().keySet();
    long deadLetters = kafka.readAll(DLT).stream().filter(r -> users.contains(r.key())).count();
    new FaultReport(
            "schema-drift-h2",
            EVENTS,
            acknowledged,
            processed(events),
            (long) (total("applied") - appliedBefore),
            "(held %.1f s, %.0f failed probes, dead letters=%d)"
                .formatted((released - start) / 1e9, probeFailures, deadLetters))
        .print();
    assertThat(probeFailures).isPositive();
    assertThat(deadLetters).isZero();
    assertThat(total("dead_lettered")).isEqualTo(deadLetteredBefore);
    events.forEach(event -> assertThat(processedCount(event.eventId())).isEqualTo(1));
    assertThat(script.found(this.users)).isEqualTo(script.expected());
    assertThat(ProjectionTestAccess.probeRows(faults().getTargetDataSource())).isZero();
  }

  private long processed(List<UserEvent> events) {
    return events.stream().mapToLong(event -> processedCount(event.eventId())).sum();
  }

  private double total(String outcome) {
    return meters.find("userevents.consumer.events").tag("outcome", outcome).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double probeFailures() {
    return meters
        .find(SystemicFailures.FAILURES)
        .tag("reason", DeadLetterRecoverer.PROBE_FAILED)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double paused() {
    return meters.get(SystemicFailures.PAUSED).gauge().value();
  }
}
