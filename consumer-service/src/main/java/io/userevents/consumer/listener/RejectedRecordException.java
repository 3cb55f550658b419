package io.userevents.consumer.listener;

import org.jspecify.annotations.Nullable;

/** A record that retrying cannot fix; it goes to the dead-letter topic at once. */
class RejectedRecordException extends RuntimeException {

  private final DeadLetterReason reason;
  private final @Nullable String field;

  RejectedRecordException(
      DeadLetterReason reason, @Nullable String field, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.field = field;
  }

  DeadLetterReason reason() {
    return reason;
  }

  @Nullable String field() {
    return field;
  }
}
