package io.userevents.consumer.listener;

/**
 * Applying records failed for a reason that may go away (database unavailable, timeout): the error
 * handler retries with back-off, then dead-letters.
 */
class TransientFailureException extends RuntimeException {

  TransientFailureException(Throwable cause) {
    super("transient failure: " + cause.getClass().getName(), cause);
  }
}
