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
 * FailureClassifier}).
 *
 * <p>A record that cannot be set aside (the topic refuses our writes, is unavailable, or the
 * failure is systemic) is not lost and not retried at once: the recoverer throws a {@link
 * DeadLetterRefusedException} carrying the next wait of the systemic back-off (growing up to {@code
 * retry.max-interval}) for that record, and {@link UserEventsErrorHandler} pauses the record's
 * partition for it. The record and the ones after it are delivered again after the wait and the
 * dead letter attempted again, until it is written.
 */
class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

  static final String REASON_HEADER = "userevents_dlt-reason";
  static final String FIELD_HEADER = "userevents_dlt-field";

  static final String UNAVAILABLE = "dead-letter-unavailable";

  private final UserEventCodec codec;
  private final BackOff refusalBackOff;

  /** Per partition: the record refused last and the back-off of its next attempts. */
  private final Map<TopicPartition, Refusals> refusals = new ConcurrentHashMap<>();

  /** The refusal of the last {@link #accept} on this consumer thread, until taken. */
  private final ThreadLocal<DeadLetterRefusedException> lastRefusal = new ThreadLocal<>();

  private record Refusals(long offset, BackOffExecution backOff) {}

  /**
   * @param refusalBackOff the waits between two attempts to dead-letter the same record (the
   *     systemic back-off: unlimited, up to {@code retry.max-interval})
   */
  DeadLetterRecoverer(
      KafkaOperations<String, byte[]> template,
      String deadLetterTopic,
      UserEventCodec codec,
      BackOff refusalBackOff) {
    super(template, (record, failure) -> new TopicPartition(deadLetterTopic, record.partition()));
    this.codec = codec;
    this.refusalBackOff = refusalBackOff;
    setHeadersFunction((record, failure) -> reasonHeaders(failure));
  }

  /**
   * Dead-letters {@code record}, unless its failure is systemic: then refuses, whatever {@code
   * retry.max-attempts} says. When it refuses or the dead-letter topic does not take the record,
   * throws a {@link DeadLetterRefusedException}: the record is delivered again after a back-off.
   */
  @Override
  public void accept(
      ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
    lastRefusal.remove();
    String systemic = FailureClassifier.systemicReason(exception);
    if (systemic != null) {
      throw refused(record, new SystemicFailureException(systemic, exception));
    }
    try {
      super.accept(record, consumer, exception);
    } catch (RuntimeException e) {
      throw refused(record, new SystemicFailureException(UNAVAILABLE, e));
    }
    refusals.remove(new TopicPartition(record.topic(), record.partition()));
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
      ConsumerRecord<?, ?> record, SystemicFailureException cause) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Refusals state =
        refusals.compute(
            partition,
            (tp, previous) ->
                previous != null && previous.offset() == record.offset()
                    ? previous
                    : new Refusals(record.offset(), refusalBackOff.start()));
    long wait = state.backOff().nextBackOff();
    if (wait == BackOffExecution.STOP) {
      // an unlimited back-off never stops; should one be configured, keep its last wait
      state = new Refusals(record.offset(), refusalBackOff.start());
      refusals.put(partition, state);
      wait = state.backOff().nextBackOff();
    }
    DeadLetterRefusedException refusal =
        new DeadLetterRefusedException(partition, Math.max(wait, 0), cause);
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
