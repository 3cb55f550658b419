package io.userevents.model;

import org.jspecify.annotations.Nullable;

/**
 * Bytes could not be read as a {@link UserEvent}. Retrying cannot help: a consumer should route the
 * record to its dead-letter topic, and an HTTP layer should answer with a client error. {@link
 * #reason()} says which of the cases below applies, and {@link #field()} names the offending field
 * when one is to blame. Messages quote no field value and no payload text, so they are safe to log.
 */
public class EventDecodingException extends RuntimeException {

  /** Why a payload was refused. */
  public enum Reason {
    /** Not JSON, not a JSON object, trailing data, or duplicate keys. */
    MALFORMED_JSON,
    /** Well-formed JSON that misses a field, has a wrong type or breaks an invariant. */
    INVALID_EVENT,
    /** Written with a schema version newer than this library understands. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** Larger than the codec's payload limit. */
    PAYLOAD_TOO_LARGE
  }

  private final Reason reason;
  private final @Nullable String field;

  /**
   * @param reason the category of failure
   * @param field the wire name of the offending field, when one is to blame
   * @param message a human-readable explanation
   * @param cause the underlying parser or validation error, if any
   */
  public EventDecodingException(
      Reason reason, @Nullable String field, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.field = field;
  }

  /** The category of failure. */
  public Reason reason() {
    return reason;
  }

  /** The wire name of the offending field, or null when the payload as a whole is at fault. */
  public @Nullable String field() {
    return field;
  }
}
