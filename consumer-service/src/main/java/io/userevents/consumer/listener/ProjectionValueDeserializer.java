package io.userevents.consumer.listener;

import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventDeserializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * events-model's {@link UserEventDeserializer} plus the consumer's own check (ids must be
 * well-formed Unicode to survive the trip to the database). It keeps each record's original bytes
 * in the {@value #RAW_VALUE_HEADER} header, so that a record can be dead-lettered byte for byte
 * even after it was decoded; a header of that name sent by a producer is dropped first. Used inside
 * Spring's {@code ErrorHandlingDeserializer}, so a failure here reaches the error handler with the
 * original bytes instead of failing the poll.
 */
public class ProjectionValueDeserializer implements Deserializer<UserEvent> {

  /** Internal header with the original value bytes; never written to any topic. */
  public static final String RAW_VALUE_HEADER = "userevents_raw-value";

  private final UserEventDeserializer delegate = new UserEventDeserializer();

  @Override
  public @Nullable UserEvent deserialize(String topic, byte @Nullable [] data) {
    UserEvent event = delegate.deserialize(topic, data);
    if (event != null) {
      checkWellFormed(event);
    }
    return event;
  }

  @Override
  public @Nullable UserEvent deserialize(String topic, Headers headers, byte @Nullable [] data) {
    headers.remove(RAW_VALUE_HEADER);
    UserEvent event = deserialize(topic, data);
    if (data != null) {
      headers.add(RAW_VALUE_HEADER, data);
    }
    return event;
  }

  private static void checkWellFormed(UserEvent event) {
    check("eventId", event.eventId());
    check("userId", event.userId());
  }

  private static void check(String field, String value) {
    if (hasLoneSurrogate(value)) {
      throw new EventDecodingException(
          EventDecodingException.Reason.INVALID_EVENT,
          field,
          field + ": must be well-formed Unicode (no unpaired surrogates)",
          null);
    }
  }

  static boolean hasLoneSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
