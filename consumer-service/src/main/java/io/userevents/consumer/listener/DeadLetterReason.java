package io.userevents.consumer.listener;

import io.userevents.model.EventDecodingException;

/**
 * Why a record went to the dead-letter topic; written as the {@code userevents_dlt-reason} header.
 */
enum DeadLetterReason {
  /** Not JSON, not an object, trailing data or duplicate keys. */
  MALFORMED_JSON,
  /** JSON that is not a valid event: a field missing, of the wrong type, or out of bounds. */
  INVALID_EVENT,
  /** Written by a newer producer; upgrade this consumer, then replay. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** Larger than the codec accepts. */
  PAYLOAD_TOO_LARGE,
  /** A record without a value (a tombstone): not an event. */
  EMPTY_VALUE,
  /**
   * A race with another delivery of the same user (duplicate key, deadlock, serialization failure)
   * outlasted every retry, and a synthetic probe event still applied. A systemic failure (database
   * down, timeout) never dead-letters a record.
   */
  RETRIES_EXHAUSTED,
  /** The event id was processed before with different content (a reused id, not a redelivery). */
  EVENT_ID_CONFLICT,
  /**
   * Applying the event failed, on every attempt, in a way that only its content explains: a
   * synthetic probe event still applied.
   */
  PROCESSING_FAILED;

  static DeadLetterReason of(EventDecodingException.Reason reason) {
    return switch (reason) {
      case MALFORMED_JSON -> MALFORMED_JSON;
      case INVALID_EVENT -> INVALID_EVENT;
      case UNSUPPORTED_SCHEMA_VERSION -> UNSUPPORTED_SCHEMA_VERSION;
      case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
    };
  }
}
