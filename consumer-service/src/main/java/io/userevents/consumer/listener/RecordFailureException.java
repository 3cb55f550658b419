package io.userevents.consumer.listener;

/**
 * Applying one record failed in a way that is the record's (see {@link FailureClassifier}): the
 * error handler retries it up to {@code retry.max-attempts} deliveries, then dead-letters it.
 */
class RecordFailureException extends RuntimeException {

  RecordFailureException(Throwable cause) {
    super("record failure: " + cause.getClass().getName(), cause);
  }
}
