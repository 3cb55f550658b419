package io.userevents.consumer.listener;

/**
 * Applying records failed for a reason that is not theirs (see {@link FailureClassifier}): the
 * error handler holds the consumer's partitions and retries without limit; never dead-lettered.
 */
class SystemicFailureException extends RuntimeException {

  private final String reason;

  SystemicFailureException(String reason, Throwable cause) {
    super("systemic failure (" + reason + "): " + cause.getClass().getName(), cause);
    this.reason = reason;
  }

  /** The {@code reason} tag of {@code userevents.consumer.systemic.failures}. */
  String reason() {
    return reason;
  }
}
