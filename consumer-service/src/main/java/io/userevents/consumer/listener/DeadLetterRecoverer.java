package io.userevents.consumer.listener;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Publishes failed records to the dead-letter topic, same partition as the original, with the
 * standard {@code kafka_dlt-*} headers plus {@value #REASON_HEADER} (a {@link DeadLetterReason})
 * and, when one field is to blame, {@value #FIELD_HEADER}.
 *
 * <p>The value is always the original bytes: from the deserialization failure for a record that
 * could not be decoded, from {@link ProjectionValueDeserializer#RAW_VALUE_HEADER} for one that was
 * decoded but could not be applied (that internal header is not copied to the dead letter).
 *
 * <p>Only records at fault are dead-lettered: a systemic failure is refused (see {@link
 * FailureClassifier}). A record that failed while being applied (not one rejected before, by the
 * decoder, the event checks or an event id conflict) is dead-lettered only once a probe has shown
 * that a healthy event still applies ({@code Projection.probe()}: a synthetic event in a
 * transaction that is always rolled back). When the probe fails too, the failure is not the
 * record's (a schema that changed under the service, a bug that fails every event): the record is
 * held as below, with reason {@value #PROBE_FAILED} (or the probe failure's own systemic reason);
 * after each back-off it is applied again and, while it still fails, probed again. A record held so
 * is dead-lettered only after a second failure with a passing probe: the failure before the first
 * passing probe may have come just before the cause went away. The probe runs only here, never per
 * healthy record.
 *
 * <p>A record that cannot be set aside (the topic refuses our writes, is unavailable, the failure
 * is systemic, or the probe failed too) is not lost and not retried at once: the recoverer throws a
 * {@link DeadLetterRefusedException} carrying the next wait of the systemic back-off (growing up to
 * {@code retry.max-interval}) for that record, and {@link UserEventsErrorHandler} pauses the
 * record's partition for it. The record and the ones after it are delivered again after the wait
 * and the dead letter attempted again, until it is written or the record applies.
 */
class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

  static final String REASON_HEADER = "userevents_dlt-reason";
  static final String FIELD_HEADER = "userevents_dlt-field";

  static final String UNAVAILABLE = "dead-letter-unavailable";

  static final String PROBE_FAILED = "probe-failed";

  private final UserEventCodec codec;
  private final BackOff refusalBackOff;
  private final Runnable probe;

  /** Per partition: the record refused last and the back-off of its next attempts. */
  private final Map<TopicPartition, Refusals> refusals = new ConcurrentHashMap<>();

  /** The refusal of the last {@link #accept} on this consumer thread, until taken. */
  private final ThreadLocal<DeadLetterRefusedException> lastRefusal = new ThreadLocal<>();

  /** Why a record was refused last: how it is held, and whether a probe that passes is trusted. */
  private enum Refusal {
    /** Its failure is systemic: the consumer is held, the record retried with fresh attempts. */
    SYSTEMIC,
    /** The probe failed too: the partition is held, the record applied and probed again. */
    PROBE_FAILED,
    /** The probe passed right after one that failed: the record gets one more delivery. */
    PROBE_PASSED,
    /** The dead-letter topic did not take the record: the partition is held, the write retried. */
    DEAD_LETTER_UNAVAILABLE
  }

  private record Refusals(long offset, BackOffExecution backOff, Refusal last) {}

  /**
   * @param refusalBackOff the waits between two attempts to dead-letter the same record (the
   *     systemic back-off: unlimited, up to {@code retry.max-interval})
   * @param probe applies a healthy event without leaving anything behind and throws when it cannot
   *     ({@code Projection::probe})
   */
  DeadLetterRecoverer(
      KafkaOperations<String, byte[]> template,
      String deadLetterTopic,
      UserEventCodec codec,
      BackOff refusalBackOff,
      Runnable probe) {
    super(template, (record, failure) -> new TopicPartition(deadLetterTopic, record.partition()));
    this.codec = codec;
    this.refusalBackOff = refusalBackOff;
    this.probe = probe;
    setHeadersFunction((record, failure) -> reasonHeaders(failure));
  }

  /**
   * Dead-letters {@code record}, unless its failure is systemic or, for a record that failed while
   * being applied, the probe fails too: then refuses, whatever {@code retry.max-attempts} says.
   * When it refuses or the dead-letter topic does not take the record, throws a {@link
   * DeadLetterRefusedException}: the record is delivered again after a back-off.
   */
  @Override
  public void accept(
      ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
    lastRefusal.remove();
    String systemic = FailureClassifier.systemicReason(exception);
    if (systemic != null) {
      throw refused(record, new SystemicFailureException(systemic, exception), Refusal.SYSTEMIC);
    }
    if (FailureClassifier.cause(exception, RejectedRecordException.class) == null) {
      SystemicFailureException probeFailure = probeFailure();
      if (probeFailure != null) {
        throw refused(record, probeFailure, Refusal.PROBE_FAILED);
      }
      if (previousRefusal(record) == Refusal.PROBE_FAILED) {
        // The record may have failed just before the cause went away and the probe passed: one
        // more delivery decides. Counted like the failed probe it follows.
        throw refused(
            record, new SystemicFailureException(PROBE_FAILED, exception), Refusal.PROBE_PASSED);
      }
    }
    try {
      super.accept(record, consumer, exception);
    } catch (RuntimeException e) {
      throw refused(
          record, new SystemicFailureException(UNAVAILABLE, e), Refusal.DEAD_LETTER_UNAVAILABLE);
    }
    refusals.remove(new TopicPartition(record.topic(), record.partition()));
  }

  /** Null when the probe applied its healthy event, else why it could not. */
  private @Nullable SystemicFailureException probeFailure() {
    try {
      probe.run();
      return null;
    } catch (RuntimeException e) {
      String reason = FailureClassifier.systemicReason(e);
      return new SystemicFailureException(reason == null ? PROBE_FAILED : reason, e);
    }
  }

  /** Why this very record was refused last; null when it was not. */
  private @Nullable Refusal previousRefusal(ConsumerRecord<?, ?> record) {
    Refusals state = refusals.get(new TopicPartition(record.topic(), record.partition()));
    return state != null && state.offset() == record.offset() ? state.last() : null;
  }

  /**
   * The refusal of the latest {@link #accept} on this thread, if it refused; cleared by the call.
   */
  @Nullable DeadLetterRefusedException takeRefusal() {
    DeadLetterRefusedException refusal = lastRefusal.get();
    lastRefusal.remove();
    return refusal;
  }

  private DeadLetterRefusedException refused(
      ConsumerRecord<?, ?> record, SystemicFailureException cause, Refusal kind) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Refusals state =
        refusals.compute(
            partition,
            (tp, previous) ->
                new Refusals(
                    record.offset(),
                    previous != null && previous.offset() == record.offset()
                        ? previous.backOff()
                        : refusalBackOff.start(),
                    kind));
    long wait = state.backOff().nextBackOff();
    if (wait == BackOffExecution.STOP) {
      // an unlimited back-off never stops; should one be configured, keep its last wait
      state = new Refusals(record.offset(), refusalBackOff.start(), kind);
      refusals.put(partition, state);
      wait = state.backOff().nextBackOff();
    }
    DeadLetterRefusedException refusal =
        new DeadLetterRefusedException(
            partition, Math.max(wait, 0), cause, kind != Refusal.SYSTEMIC);
    lastRefusal.set(refusal);
    return refusal;
  }

  /**
   * Sends and waits for the result like the default, without logging a failure: a refused dead
   * letter is reported once per interval by {@link SystemicFailures}, not once per attempt.
   */
  @Override
  protected void publish(
      ProducerRecord<Object, Object> outRecord,
      KafkaOperations<Object, Object> kafkaTemplate,
      ConsumerRecord<?, ?> inRecord) {
    CompletableFuture<SendResult<Object, Object>> sent;
    try {
      sent = kafkaTemplate.send(outRecord);
    } catch (RuntimeException e) {
      throw new KafkaException("Dead-letter publication to " + outRecord.topic() + " failed", e);
    }
    verifySendResult(kafkaTemplate, outRecord, sent, inRecord);
  }

  @Override
  protected ProducerRecord<Object, Object> createProducerRecord(
      ConsumerRecord<?, ?> record,
      TopicPartition topicPartition,
      Headers headers,
      byte @Nullable [] key,
      byte @Nullable [] value) {
    headers.remove(ProjectionValueDeserializer.RAW_VALUE_HEADER);
    Object out = value;
    if (out == null) {
      Header raw = record.headers().lastHeader(ProjectionValueDeserializer.RAW_VALUE_HEADER);
      if (raw != null) {
        out = raw.value();
      } else if (record.value() instanceof UserEvent event) {
        out = codec.encode(event);
      } else {
        out = record.value();
      }
    }
    return new ProducerRecord<>(
        topicPartition.topic(),
        topicPartition.partition() < 0 ? null : topicPartition.partition(),
        key != null ? key : record.key(),
        out,
        headers);
  }

  static DeadLetterReason reasonOf(Throwable failure) {
    RejectedRecordException rejected =
        FailureClassifier.cause(failure, RejectedRecordException.class);
    if (rejected != null) {
      return rejected.reason();
    }
    return FailureClassifier.isRace(failure)
        ? DeadLetterReason.RETRIES_EXHAUSTED
        : DeadLetterReason.PROCESSING_FAILED;
  }

  private static Headers reasonHeaders(Exception failure) {
    Headers headers = new RecordHeaders();
    headers.add(REASON_HEADER, reasonOf(failure).name().getBytes(StandardCharsets.UTF_8));
    RejectedRecordException rejected =
        FailureClassifier.cause(failure, RejectedRecordException.class);
    String field = rejected == null ? null : rejected.field();
    if (field != null) {
      headers.add(FIELD_HEADER, field.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }
}
