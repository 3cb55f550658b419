package io.userevents.consumer.listener;

import io.userevents.model.EventDecodingException;
import io.userevents.model.EventTimeRules;
import io.userevents.model.InvalidEventException;
import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * events-model's {@link UserEventDeserializer} plus events-model's clock rule ({@link
 * EventTimeRules}: not stamped too far in the future), so that such an event is dead-lettered as
 * {@code INVALID_EVENT}. It keeps each record's original bytes in the {@value #RAW_VALUE_HEADER}
 * header, so that a record can be dead-lettered byte for byte even after it was decoded; a header
 * of that name sent by a producer is dropped first. Used inside Spring's {@code
 * ErrorHandlingDeserializer}, so a failure here reaches the error handler with the original bytes
 * instead of failing the poll.
 */
public class ProjectionValueDeserializer implements Deserializer<UserEvent> {

  /** Internal header with the original value bytes; never written to any topic. */
  public static final String RAW_VALUE_HEADER = "userevents_raw-value";

  /** Consumer property with the allowed future skew (a {@link Duration}). */
  public static final String MAX_FUTURE_SKEW_CONFIG = "userevents.max-future-skew";

  private final UserEventDeserializer delegate = new UserEventDeserializer();
  private EventTimeRules timeRules = EventTimeRules.withDefaults();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
    Object skew = configs.get(MAX_FUTURE_SKEW_CONFIG);
    if (skew instanceof Duration duration) {
      timeRules = new EventTimeRules(duration);
    } else if (skew != null) {
      timeRules = new EventTimeRules(Duration.parse(skew.toString()));
    }
  }

  @Override
  public @Nullable UserEvent deserialize(String topic, byte @Nullable [] data) {
    UserEvent event = delegate.deserialize(topic, data);
    if (event != null) {
      try {
        timeRules.requireNotInFuture(event, Instant.now());
      } catch (InvalidEventException e) {
        throw new EventDecodingException(
            EventDecodingException.Reason.INVALID_EVENT, e.field(), e.getMessage(), e);
      }
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
}
