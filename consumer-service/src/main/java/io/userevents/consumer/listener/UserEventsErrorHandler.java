package io.userevents.consumer.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
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
 */
class UserEventsErrorHandler extends DefaultErrorHandler {

  private final Map<Thread, Boolean> lastWasSystemic = new ConcurrentHashMap<>();

  UserEventsErrorHandler(
      ConsumerRecordRecoverer recoverer, BackOff backOff, BackOffHandler backOffHandler) {
    super(recoverer, backOff, backOffHandler);
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
    super.handleBatch(named, data, consumer, container, invokeListener);
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
    return super.handleBatchAndReturnRemaining(named, data, consumer, container, invokeListener);
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
