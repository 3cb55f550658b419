package io.userevents.consumer.listener;

import java.io.Serial;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.KafkaBackoffException;

/**
 * A record could not be set aside: {@link DeadLetterRecoverer} refused it (its failure is systemic)
 * or the dead-letter topic did not take it. Its partition is paused for {@link #backOffMillis()}
 * and the record delivered again after that; nothing is committed meanwhile.
 *
 * <p>A {@link KafkaBackoffException} because that is what it is for Spring Kafka: the record is not
 * lost but waiting for its back-off, so the error handler includes it in its seeks without logging
 * an error each time. The cause is a {@link SystemicFailureException} with the reason (usually
 * {@code dead-letter-unavailable}), counted and logged once per interval by {@link
 * SystemicFailures}.
 */
class DeadLetterRefusedException extends KafkaBackoffException {

  @Serial private static final long serialVersionUID = 1L;

  private final long backOffMillis;
  private final SystemicFailureException cause;

  DeadLetterRefusedException(
      TopicPartition partition, long backOffMillis, SystemicFailureException cause) {
    super(
        "could not dead-letter a record of "
            + partition
            + " ("
            + cause.reason()
            + "); partition paused for "
            + backOffMillis
            + " ms",
        partition,
        UserEventsListener.LISTENER_ID,
        System.currentTimeMillis() + backOffMillis);
    this.backOffMillis = backOffMillis;
    this.cause = cause;
  }

  /** Kafka's back-off exception takes no cause (and cannot be given one later): kept here. */
  @Override
  public synchronized SystemicFailureException getCause() {
    return cause;
  }

  /** How long the record's partition waits before the record is delivered again. */
  long backOffMillis() {
    return backOffMillis;
  }

  /** The {@code reason} tag of {@code userevents.consumer.systemic.failures}. */
  String reason() {
    return cause.reason();
  }
}
