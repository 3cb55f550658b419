package io.userevents.consumer.listener;

import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** Decides whether a polled record carries an event that can be applied. */
final class RecordChecks {

  private static final LogAccessor LOG = new LogAccessor(RecordChecks.class);

  private RecordChecks() {}

  /** Null when the record holds an applicable event, otherwise why it is rejected. */
  static @Nullable RejectedRecordException check(ConsumerRecord<?, ?> record) {
    Object value = record.value();
    if (value instanceof UserEvent) {
      return null;
    }
    if (value != null) {
      return new RejectedRecordException(
          DeadLetterReason.PROCESSING_FAILED,
          null,
          "value is a " + value.getClass().getName() + ", not a UserEvent",
          null);
    }
    // Only headers that this JVM's ErrorHandlingDeserializer created are read; a header of the
    // same name sent by a producer is ignored by SerializationUtils.
    DeserializationException failure =
        SerializationUtils.getExceptionFromHeader(
            record, KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    if (failure == null) {
      return new RejectedRecordException(
          DeadLetterReason.EMPTY_VALUE, null, "record has no value", null);
    }
    EventDecodingException decoding =
        FailureClassifier.cause(failure, EventDecodingException.class);
    if (decoding == null) {
      return new RejectedRecordException(
          DeadLetterReason.MALFORMED_JSON, null, "cannot deserialize value", failure);
    }
    return new RejectedRecordException(
        DeadLetterReason.of(decoding.reason()), decoding.field(), decoding.getMessage(), failure);
  }
}
