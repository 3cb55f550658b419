package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs with max-attempts 4 and a back-off of 50 ms doubling up to 200 ms. A record whose own data
 * fails is dead-lettered after exactly that many deliveries (a probe event applies meanwhile, so
 * the failure is the record's); a database that refuses connections (systemic) is retried for as
 * long as it lasts, whatever max-attempts says, and nothing is dead-lettered.
 */
class RetryIntegrationTests extends ConsumerIntegrationTest {

  private static final int MAX_ATTEMPTS = 4;

  @Autowired private SystemicFailures systemicFailures;

  @Test
  void retriesARefusedConnectionAndThenAppliesTheEventExactlyOnce() {
    String userId = TestEvents.uniqueUserId("transient");
    UserEvent created = TestEvents.created(userId, "frank");
    double appliedBefore = count("USER_CREATED", "applied");
    double retriedBefore = count("USER_CREATED", "retried");
    faults().refuseNextConnections(2);

    kafka.send(TOPIC, created);

    awaitUser(userId, created.eventId());
    awaitSettled(() -> count("USER_CREATED", "applied") - appliedBefore, 1);
    assertThat(faults().refusedConnections()).isGreaterThanOrEqualTo(2);
    assertThat(count("USER_CREATED", "retried") - retriedBefore).isEqualTo(2);
    assertThat(processedCount(created.eventId())).isEqualTo(1);
    assertThat(deadLetters(userId)).isEmpty();
  }

  @Test
  void holdsForADatabaseThatRefusesConnectionsFarBeyondMaxAttemptsAndDeadLettersNothing() {
    String userId = TestEvents.uniqueUserId("systemic");
    UserEvent created = TestEvents.created(userId, "heidi");
    double appliedBefore = count("USER_CREATED", "applied");
    double systemicBefore = systemicFailures("database-unavailable");
    faults().refuseAllConnections();

    kafka.send(TOPIC, created);

    await()
        .atMost(PATIENCE)
        .until(() -> systemicFailures("database-unavailable") - systemicBefore >= 3 * MAX_ATTEMPTS);
    assertThat(systemicFailures.current()).isNotNull();
    assertThat(systemicFailures.current().reason()).isEqualTo("database-unavailable");
    assertThat(meters.get(SystemicFailures.PAUSED).gauge().value()).isEqualTo(1);
    faults().reset();

    awaitUser(userId, created.eventId());
    awaitSettled(() -> count("USER_CREATED", "applied") - appliedBefore, 1);
    await().atMost(PATIENCE).until(() -> systemicFailures.current() == null);
    assertThat(meters.get(SystemicFailures.PAUSED).gauge().value()).isZero();
    assertThat(processedCount(created.eventId())).isEqualTo(1);
    assertThat(deadLetters(userId)).isEmpty();
  }

  @Test
  void deadLettersARecordWhoseOwnDataFailsAfterTheConfiguredAttemptsAndGoesOn() {
    String userId = TestEvents.uniqueUserId("persistent");
    UserEvent created = TestEvents.created(userId, "grace");
    UserEvent later = TestEvents.updated(userId, "grace_b");
    double retriedBefore = count("USER_CREATED", "retried");
    double deadBefore = count("USER_CREATED", "dead_lettered");
    double appliedBefore = count("USER_UPDATED", "applied");
    faults().rejectStatementsBinding(created.eventId());

    kafka.send(TOPIC, created);

    List<ConsumerRecord<String, byte[]>> dead =
        await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> list.size() == 1);
    faults().reset();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(count("USER_CREATED", "dead_lettered") - deadBefore).isEqualTo(1));
    assertThat(count("USER_CREATED", "retried") - retriedBefore).isEqualTo(MAX_ATTEMPTS - 1);
    assertThat(header(dead.get(0), DeadLetterRecoverer.REASON_HEADER))
        .isEqualTo("PROCESSING_FAILED");
    assertThat(dead.get(0).value()).isEqualTo(UserEventCodec.create().encode(created));
    assertThat(dead.get(0).headers().lastHeader(ProjectionValueDeserializer.RAW_VALUE_HEADER))
        .isNull();
    assertThat(processedCount(created.eventId())).isZero();
    // the probe that cleared the record for the dead-letter topic left nothing behind
    assertThat(ProjectionTestAccess.probeRows(faults().getTargetDataSource())).isZero();

    kafka.send(TOPIC, later);
    awaitUser(userId, later.eventId());
    awaitSettled(() -> count("USER_UPDATED", "applied") - appliedBefore, 1);
    assertThat(deadLetters(userId)).hasSize(1);
  }

  private double systemicFailures(String reason) {
    Counter counter = meters.find(SystemicFailures.FAILURES).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
