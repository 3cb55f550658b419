package io.userevents.producer.ingest;

import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/** What a failed send means for the client that asked for it. */
final class SendFailures {

  private static final int MAX_DEPTH = 16;

  /** How a send failed. */
  enum Kind {
    /**
     * The broker did not acknowledge in time, or answered with an error it may recover from
     * (time-outs, unreachable or restarting brokers, too few in-sync replicas, sequence errors the
     * idempotent producer recovers from, unknown server errors). The event may still be written;
     * the client may retry.
     */
    UNAVAILABLE,
    /**
     * Kafka refused the event for good, because of this service's configuration or the topic's:
     * authorization, authentication, a record larger than the producer or the topic accepts, an
     * invalid topic or record, an unsupported version. Not written; retrying fails the same way.
     */
    REFUSED,
    /** This service could not serialize the event: a fault of its own. Not written. */
    FAULT
  }

  /**
   * The kind of failure and the cause in the chain that decided it (the root cause when none did).
   */
  record Classified(Kind kind, Throwable cause) {}

  private SendFailures() {}

  static Classified classify(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (cause instanceof InvalidConfigurationException
          || cause instanceof RecordTooLargeException) {
        return new Classified(Kind.REFUSED, cause);
      }
      if (cause instanceof SerializationException) {
        return new Classified(Kind.FAULT, cause);
      }
      cause = cause.getCause();
    }
    return new Classified(Kind.UNAVAILABLE, rootCause(failure));
  }

  /** The innermost cause, for logs. */
  static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause.getCause() != null && depth < MAX_DEPTH; depth++) {
      cause = cause.getCause();
    }
    return cause;
  }
}
