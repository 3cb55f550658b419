package io.userevents.consumer.projection;

import io.userevents.model.EventType;
import java.time.Instant;

/**
 * One row of the {@code processed_events} table: an event id that took effect once and must not
 * take effect again.
 *
 * @param eventId the event's id (primary key)
 * @param userId the user the event was about
 * @param eventType what the event said
 * @param eventTimestamp the event's own timestamp
 * @param outcome whether it changed the user's row or was stale
 * @param appliedAt when it was processed
 */
public record ProcessedEvent(
    String eventId,
    String userId,
    EventType eventType,
    Instant eventTimestamp,
    Outcome outcome,
    Instant appliedAt) {}
