package io.userevents.producer.ingest;

import io.userevents.model.EventTimeRules;
import io.userevents.model.InvalidEventException;
import io.userevents.model.UserEvent;
import io.userevents.producer.config.IngestProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The configurable bounds of {@code userevents.ingest.limits} that are stricter than the event
 * model's own: email length, id lengths and metadata size (counted as the model counts it: the
 * characters of keys and scalar values, 4 for null and 5 for a boolean), plus events-model's clock
 * rule ({@link EventTimeRules}: not stamped further in the future than {@code max-future-skew}).
 */
@Component
class RequestLimits {

  private final IngestProperties.Limits limits;
  private final EventTimeRules timeRules;

  RequestLimits(IngestProperties properties) {
    this.limits = properties.limits();
    this.timeRules = new EventTimeRules(limits.maxFutureSkew());
  }

  /**
   * Checks the event against the configured bounds.
   *
   * @throws InvalidEventException naming the first field over its bound
   */
  UserEvent check(UserEvent event) {
    checkId("userId", event.userId());
    checkId("eventId", event.eventId());
    if (event.correlationId() != null) {
      checkId("correlationId", event.correlationId());
    }
    if (event.email() != null && event.email().length() > limits.maxEmailLength()) {
      throw new InvalidEventException(
          "email", "must be at most " + limits.maxEmailLength() + " characters");
    }
    if (event.metadata().size() > limits.maxMetadataEntries()) {
      throw new InvalidEventException(
          "metadata", "must have at most " + limits.maxMetadataEntries() + " entries");
    }
    if (size(event.metadata()) > limits.maxMetadataSize()) {
      throw new InvalidEventException(
          "metadata", "must be at most " + limits.maxMetadataSize() + " characters in all");
    }
    return timeRules.requireNotInFuture(event, Instant.now());
  }

  private void checkId(String field, String value) {
    if (value.length() > limits.maxIdLength()) {
      throw new InvalidEventException(
          field, "must be at most " + limits.maxIdLength() + " characters");
    }
  }

  static long size(@Nullable Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof Boolean) {
      return 5;
    }
    if (value instanceof Map<?, ?> map) {
      long total = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        total += String.valueOf(entry.getKey()).length() + size(entry.getValue());
      }
      return total;
    }
    if (value instanceof List<?> list) {
      long total = 0;
      for (Object item : list) {
        total += size(item);
      }
      return total;
    }
    return value.toString().length();
  }
}
