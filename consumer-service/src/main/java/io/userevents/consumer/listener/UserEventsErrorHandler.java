package io.userevents.consumer.listener;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;

/**
 * {@link DefaultErrorHandler} that never dead-letters a whole batch. The listener names the record
 * at fault whenever a record is at fault; a batch failure that names none (something in the
 * container, a rebalance race) is taken as a transient failure of the batch's first record: retried
 * with back-off from there, so the batch is delivered again instead of being dead-lettered by the
 * default fallback.
 */
class UserEventsErrorHandler extends DefaultErrorHandler {

  UserEventsErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff) {
    super(recoverer, backOff);
  }

  @Override
  public void handleBatch(
      Exception thrownException,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container,
      Runnable invokeListener) {
    super.handleBatch(
        namingFirstRecord(thrownException), data, consumer, container, invokeListener);
  }

  @Override
  public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(
      Exception thrownException,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container,
      Runnable invokeListener) {
    return super.handleBatchAndReturnRemaining(
        namingFirstRecord(thrownException), data, consumer, container, invokeListener);
  }

  static Exception namingFirstRecord(Exception thrownException) {
    if (FailureClassifier.cause(thrownException, BatchListenerFailedException.class) != null) {
      return thrownException;
    }
    return new BatchListenerFailedException(
        "batch failed without naming a record; delivering it again",
        new TransientFailureException(thrownException),
        0);
  }
}
