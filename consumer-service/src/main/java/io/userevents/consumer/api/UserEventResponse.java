package io.userevents.consumer.api;

import io.userevents.consumer.projection.ProcessedEvent;
import java.time.Instant;

/**
 * An event the projection processed for a user.
 *
 * @param eventId the event's id
 * @param eventType what it said
 * @param timestamp its own timestamp
 * @param outcome APPLIED, or STALE when the user already reflected a newer event
 * @param processedAt when the projection processed it
 */
record UserEventResponse(
    String eventId, String eventType, Instant timestamp, String outcome, Instant processedAt) {

  static UserEventResponse of(ProcessedEvent event) {
    return new UserEventResponse(
        event.eventId(),
        event.eventType().name(),
        event.eventTimestamp(),
        event.outcome().name(),
        event.appliedAt());
  }
}
