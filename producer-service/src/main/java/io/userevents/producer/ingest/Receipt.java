package io.userevents.producer.ingest;

import io.userevents.model.EventType;
import java.time.Instant;

/**
 * Proof that the broker acknowledged an event (acks=all).
 *
 * @param eventId the event's id; the same for every retry with one Idempotency-Key
 * @param userId the user the event is about (the record key)
 * @param eventType what happened
 * @param topic where the record was written
 * @param partition the partition of the record
 * @param offset the offset of the record in its partition
 * @param timestamp the event's timestamp
 */
record Receipt(
    String eventId,
    String userId,
    EventType eventType,
    String topic,
    int partition,
    long offset,
    Instant timestamp) {}
