package io.userevents.consumer.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;

/**
 * {@link DefaultErrorHandler} that never dead-letters a whole batch, and that starts a new back-off
 * when a record's failure changes between systemic and the record's own.
 *
 * <p>The listener names the record at fault whenever a record is at fault; a batch failure that
 * names none (something in the container, a rebalance race) is taken as a systemic failure of the
 * batch's first record: held and retried from there, never dead-lettered by the default fallback.
 *
 * <p>Spring Kafka keeps a record's back-off while the failure's class stays the same, and here it
 * always is a {@link BatchListenerFailedException}; so a record that failed while the database was
 * down (unlimited back-off) and then fails on its own content would be retried for ever, and one
 * whose record-fault attempts ran out just as the database went down would be offered to the
 * recoverer. Clearing the thread's retry state when the kind changes avoids both.
 *
 * <p>A record the recoverer could not dead-letter ({@link DeadLetterRefusedException}: the
 * dead-letter topic refuses our writes or is unavailable, or a healthy probe event fails as well)
 * is held like a systemic failure: its partition is paused for the refusal's back-off (the same
 * {@link BackOffHandler}, so the member keeps polling and stays in the group), then the record is
 * delivered and offered to the recoverer again. Its retries are spent, so it is not applied again
 * and again in between ({@code resetStateOnRecoveryFailure} is off).
 */
class UserEventsErrorHandler extends DefaultErrorHandler {

  private final Map<Thread, Boolean> lastWasSystemic = new ConcurrentHashMap<>();
  private final DeadLetterRecoverer recoverer;
  private final BackOffHandler backOffHandler;

  UserEventsErrorHandler(
      DeadLetterRecoverer recoverer, BackOff backOff, BackOffHandler backOffHandler) {
    super(recoverer, backOff, backOffHandler);
    this.recoverer = recoverer;
    this.backOffHandler = backOffHandler;
    setResetStateOnRecoveryFailure(false);
  }

  @Override
  public void handleBatch(
      Exception thrownException,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container,
      Runnable invokeListener) {
    Exception named = namingFirstRecord(thrownException);
    resetOnKindChange(named);
    try {
      super.handleBatch(named, data, consumer, container, invokeListener);
    } finally {
      holdIfRefused(container);
    }
  }

  @Override
  public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(
      Exception thrownException,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container,
      Runnable invokeListener) {
    Exception named = namingFirstRecord(thrownException);
    resetOnKindChange(named);
    try {
      return super.handleBatchAndReturnRemaining(named, data, consumer, container, invokeListener);
    } finally {
      holdIfRefused(container);
    }
  }

  /**
   * The recoverer could not set the failed record aside: pause its partition for the refusal's
   * back-off. The record was included in the seeks, so it comes back when the partition resumes.
   * When the recoverer refused a systemic failure, the record's spent retries are forgotten so that
   * it is held with the systemic back-off from then on; when only its dead letter waits, they stay
   * spent, so each delivery goes to the recoverer again.
   */
  private void holdIfRefused(MessageListenerContainer container) {
    DeadLetterRefusedException refused = recoverer.takeRefusal();
    if (refused == null) {
      return;
    }
    if (!refused.deadLetterPending()) {
      clearThreadState();
    }
    backOffHandler.onNextBackOff(container, refused.getTopicPartition(), refused.backOffMillis());
  }

  private void resetOnKindChange(Exception failure) {
    boolean systemic = FailureClassifier.systemicReason(failure) != null;
    Boolean previous = lastWasSystemic.put(Thread.currentThread(), systemic);
    if (previous != null && previous != systemic) {
      clearThreadState();
    }
  }

  static Exception namingFirstRecord(Exception thrownException) {
    if (FailureClassifier.cause(thrownException, BatchListenerFailedException.class) != null) {
      return thrownException;
    }
    String reason = FailureClassifier.systemicReason(thrownException);
    return new BatchListenerFailedException(
        "batch failed without naming a record; holding it and delivering it again",
        new SystemicFailureException(reason == null ? "listener-error" : reason, thrownException),
        0);
  }
}
