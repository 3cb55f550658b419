package io.userevents.producer.ingest;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/** Tells a broker that may acknowledge later from one that refused an event for good. */
final class SendFailures {

  private static final int MAX_DEPTH = 16;

  private SendFailures() {}

  /**
   * The refusal in this failure's cause chain that sending again cannot fix, or null: an error the
   * broker answered that Kafka does not mark retriable (authorization, record too large for the
   * topic, invalid topic, ...) or an event the serializer could not write. Time-outs, unreachable
   * or restarting brokers and too few in-sync replicas are not refusals.
   */
  static @Nullable Throwable refusal(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (cause instanceof RetriableException) {
        return null;
      }
      if (cause instanceof ApiException || cause instanceof SerializationException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return null;
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
