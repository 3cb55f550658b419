package io.userevents.consumer.listener;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

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
 */
class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

  static final String REASON_HEADER = "userevents_dlt-reason";
  static final String FIELD_HEADER = "userevents_dlt-field";

  private final UserEventCodec codec;

  DeadLetterRecoverer(
      KafkaOperations<String, byte[]> template, String deadLetterTopic, UserEventCodec codec) {
    super(template, (record, failure) -> new TopicPartition(deadLetterTopic, record.partition()));
    this.codec = codec;
    setHeadersFunction((record, failure) -> reasonHeaders(failure));
  }

  /**
   * Dead-letters {@code record}, unless its failure is systemic: then refuses (throws), whatever
   * {@code retry.max-attempts} says, and the record is delivered again.
   */
  @Override
  public void accept(
      ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
    String systemic = FailureClassifier.systemicReason(exception);
    if (systemic != null) {
      throw new SystemicFailureException(systemic, exception);
    }
    super.accept(record, consumer, exception);
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
