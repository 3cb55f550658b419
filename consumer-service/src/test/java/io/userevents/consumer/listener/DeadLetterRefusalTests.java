package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userevents.consumer.ConsumerSettings;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A record at fault whose dead letter cannot be written: the recoverer refuses with a back-off that
 * grows up to the maximum (not a tight loop), Spring takes the refusal for a back-off, and {@link
 * SystemicFailures} holds the partition until the dead letter is written. A record that failed
 * while being applied is refused the same way while a healthy probe event fails too.
 */
class DeadLetterRefusalTests {

  private static final TopicPartition PARTITION = new TopicPartition("user-events", 1);

  @SuppressWarnings("unchecked")
  private final KafkaOperations<String, byte[]> template = mock(KafkaOperations.class);

  private final AtomicInteger probes = new AtomicInteger();
  private volatile @Nullable RuntimeException probeFailure;

  private final DeadLetterRecoverer recoverer =
      new DeadLetterRecoverer(
          template, "user-events-dlt", UserEventCodec.create(), backOff(), this::probe);

  @Test
  void refusesWithAGrowingBackOffWhileTheTopicDoesNotTakeTheRecordAndStartsAgainAfterASuccess() {
    dltRefuses();
    ConsumerRecord<?, ?> bad = record(7);

    assertThat(refusal(bad).backOffMillis()).isEqualTo(50);
    assertThat(recoverer.takeRefusal()).isNotNull();
    assertThat(recoverer.takeRefusal()).isNull();
    assertThat(refusal(bad).backOffMillis()).isEqualTo(100);
    assertThat(refusal(bad).backOffMillis()).isEqualTo(200);
    assertThat(refusal(bad).backOffMillis()).isEqualTo(200);
    // another record of the partition starts its own back-off
    assertThat(refusal(record(8)).backOffMillis()).isEqualTo(50);

    dltAccepts();
    recoverer.accept(record(8), null, rejected());
    assertThat(recoverer.takeRefusal()).isNull();
    dltRefuses();
    assertThat(refusal(record(9)).backOffMillis()).isEqualTo(50);
  }

  @Test
  void aRefusalIsADeadLetterUnavailableBackOffForSpringKafka() {
    dltRefuses();
    DeadLetterRefusedException refused = refusal(record(7));

    assertThat(refused.reason()).isEqualTo(DeadLetterRecoverer.UNAVAILABLE);
    assertThat(refused.getTopicPartition()).isEqualTo(PARTITION);
    assertThat(FailureClassifier.systemicReason(refused)).isEqualTo("dead-letter-unavailable");
    assertThat(FailureClassifier.cause(refused, TopicAuthorizationException.class)).isNotNull();
    // what makes the error handler log the failed recovery at DEBUG, not ERROR
    assertThat(SeekUtils.isBackoffException(refused)).isTrue();
  }

  @Test
  void refusesASystemicFailureWithoutSendingAnything() {
    DeadLetterRefusedException refused =
        catchThrowableOfType(
            DeadLetterRefusedException.class,
            () -> recoverer.accept(record(7), null, new CannotGetJdbcConnectionException("down")));

    assertThat(refused.reason()).isEqualTo("database-unavailable");
    verify(template, never()).send(any(ProducerRecord.class));
  }

  @Test
  void aPartitionWaitingForItsDeadLetterStaysHeldUntilItIsWritten() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SystemicFailures failures = new SystemicFailures(meters, defaultSettings());

    failures.deadLetterRefused(PARTITION, DeadLetterRecoverer.UNAVAILABLE, new RuntimeException());
    // the same consumer applies records of its other partitions meanwhile
    failures.cleared();
    failures.applied(List.of(new ConsumerRecord<>("user-events", 2, 0, "k", "v")));

    assertThat(failures.current()).isNotNull();
    assertThat(failures.current().reason()).isEqualTo("dead-letter-unavailable");
    assertThat(failures.current().consumers()).isEqualTo(1);
    assertThat(meters.get(SystemicFailures.PAUSED).gauge().value()).isEqualTo(1.0);
    assertThat(
            meters
                .get(SystemicFailures.FAILURES)
                .tag("reason", "dead-letter-unavailable")
                .counter()
                .count())
        .isEqualTo(1.0);

    failures.deadLettered(PARTITION);
    assertThat(failures.current()).isNull();
    assertThat(meters.get(SystemicFailures.PAUSED).gauge().value()).isEqualTo(0.0);

    // the held record applied on a later delivery after all
    failures.deadLetterRefused(PARTITION, DeadLetterRecoverer.UNAVAILABLE, new RuntimeException());
    failures.applied(List.of(record(7)));
    assertThat(failures.current()).isNull();
  }

  @Test
  void deadLettersARecordThatFailedWhileBeingAppliedOnceAProbeEventApplies() {
    dltAccepts();

    recoverer.accept(record(7), null, failedWhileApplied());

    assertThat(recoverer.takeRefusal()).isNull();
    assertThat(probes).hasValue(1);
    verify(template).send(any(ProducerRecord.class));
  }

  @Test
  void holdsARecordThatFailedWhileBeingAppliedWhenTheProbeEventFailsToo() {
    dltAccepts();
    probeFailure = new DataIntegrityViolationException("check constraint violated");

    DeadLetterRefusedException refused =
        catchThrowableOfType(
            DeadLetterRefusedException.class,
            () -> recoverer.accept(record(7), null, failedWhileApplied()));

    assertThat(refused.reason()).isEqualTo(DeadLetterRecoverer.PROBE_FAILED);
    assertThat(refused.deadLetterPending()).isTrue();
    assertThat(refused.backOffMillis()).isEqualTo(50);
    assertThat(refused.getCause().getCause()).isSameAs(probeFailure);
    assertThat(FailureClassifier.systemicReason(refused)).isEqualTo("probe-failed");
    assertThat(recoverer.takeRefusal()).isSameAs(refused);
    verify(template, never()).send(any(ProducerRecord.class));
  }

  @Test
  void aProbeThatFailsForASystemicReasonHoldsTheRecordWithThatReason() {
    probeFailure = new CannotGetJdbcConnectionException("down");

    DeadLetterRefusedException refused =
        catchThrowableOfType(
            DeadLetterRefusedException.class,
            () -> recoverer.accept(record(7), null, failedWhileApplied()));

    assertThat(refused.reason()).isEqualTo("database-unavailable");
    assertThat(refused.deadLetterPending()).isTrue();
    verify(template, never()).send(any(ProducerRecord.class));
  }

  @Test
  void aRecordHeldForAFailedProbeIsDeliveredOnceMoreAfterTheFirstPassingProbe() {
    dltAccepts();
    probeFailure = new DataIntegrityViolationException("check constraint violated");
    assertThat(probeRefusal(record(7)).backOffMillis()).isEqualTo(50);
    probeFailure = null;

    // the record's failure may predate the fix that lets the probe pass: delivered once more
    DeadLetterRefusedException again = probeRefusal(record(7));
    assertThat(again.reason()).isEqualTo(DeadLetterRecoverer.PROBE_FAILED);
    assertThat(again.deadLetterPending()).isTrue();
    assertThat(again.backOffMillis()).isEqualTo(100);
    verify(template, never()).send(any(ProducerRecord.class));

    recoverer.accept(record(7), null, failedWhileApplied());
    assertThat(recoverer.takeRefusal()).isNull();
    assertThat(probes).hasValue(3);
    verify(template).send(any(ProducerRecord.class));
  }

  @Test
  void neverProbesForARecordRejectedBeforeItWasApplied() {
    dltAccepts();
    probeFailure = new DataIntegrityViolationException("check constraint violated");

    recoverer.accept(record(7), null, rejected());
    recoverer.accept(
        record(8),
        null,
        new RejectedRecordException(
            DeadLetterReason.EVENT_ID_CONFLICT, "eventId", "reused event id", null));

    assertThat(probes).hasValue(0);
    assertThat(recoverer.takeRefusal()).isNull();
  }

  private void probe() {
    probes.incrementAndGet();
    RuntimeException failure = probeFailure;
    if (failure != null) {
      throw failure;
    }
  }

  private DeadLetterRefusedException probeRefusal(ConsumerRecord<?, ?> record) {
    return catchThrowableOfType(
        DeadLetterRefusedException.class,
        () -> recoverer.accept(record, null, failedWhileApplied()));
  }

  /** What the listener reports for a record whose values the database rejected. */
  private static RecordFailureException failedWhileApplied() {
    return new RecordFailureException(new DataIntegrityViolationException("value rejected"));
  }

  private DeadLetterRefusedException refusal(ConsumerRecord<?, ?> record) {
    return catchThrowableOfType(
        DeadLetterRefusedException.class, () -> recoverer.accept(record, null, rejected()));
  }

  private void dltRefuses() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new TopicAuthorizationException("denied")));
  }

  private void dltAccepts() {
    SendResult<String, byte[]> sent =
        new SendResult<>(
            new ProducerRecord<>("user-events-dlt", "k", new byte[0]),
            new RecordMetadata(new TopicPartition("user-events-dlt", 1), 0, 0, 0, 0, 0));
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.completedFuture(sent));
  }

  private static RejectedRecordException rejected() {
    return new RejectedRecordException(DeadLetterReason.MALFORMED_JSON, null, "not JSON", null);
  }

  private static ConsumerRecord<String, byte[]> record(long offset) {
    return new ConsumerRecord<>(
        PARTITION.topic(),
        PARTITION.partition(),
        offset,
        "user-1",
        "{not json".getBytes(StandardCharsets.UTF_8));
  }

  private static ExponentialBackOff backOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(50, 2.0);
    backOff.setMaxInterval(200);
    return backOff;
  }

  private static ConsumerSettings defaultSettings() {
    return new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("userevents.consumer", ConsumerSettings.class);
  }
}
