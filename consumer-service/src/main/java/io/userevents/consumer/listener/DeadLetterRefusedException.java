package io.userevents.consumer.listener;

import java.io.Serial;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.KafkaBackoffException;

/**
 * A record could not be set aside: {@link DeadLetterRecoverer} refused it (its failure is systemic,
 * or a healthy probe event failed as well) or the dead-letter topic did not take it. Its partition
 * is paused for {@link #backOffMillis()} and the record delivered again after that; nothing is
 * committed meanwhile.
 *
 * <p>A {@link KafkaBackoffException} because that is what it is for Spring Kafka: the record is not
 * lost but waiting for its back-off, so the error handler includes it in its seeks without logging
 * an error each time. The cause is a {@link SystemicFailureException} with the reason (usually
 * {@code dead-letter-unavailable} or {@code probe-failed}), counted and logged once per interval by
 * {@link SystemicFailures}.
 */
class DeadLetterRefusedException extends KafkaBackoffException {

  @Serial private static final long serialVersionUID = 1L;

  private final long backOffMillis;
  private final SystemicFailureException cause;
  private final boolean deadLetterPending;

  DeadLetterRefusedException(
      TopicPartition partition,
      long backOffMillis,
      SystemicFailureException cause,
      boolean deadLetterPending) {
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
    this.deadLetterPending = deadLetterPending;
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

  /**
   * True when the record's own retries are spent and only its dead letter waits (the topic did not
   * take it, or the probe failed too): its partition alone is held, and the record is applied and
   * offered to the recoverer again once per back-off. False when the recoverer refused a systemic
   * failure: the consumer is held and the record retried with the systemic back-off.
   */
  boolean deadLetterPending() {
    return deadLetterPending;
  }
}
