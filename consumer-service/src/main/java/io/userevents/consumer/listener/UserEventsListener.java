package io.userevents.consumer.listener;

import io.userevents.consumer.projection.Projection;
import io.userevents.model.UserEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Applies each polled batch to the projection in one database transaction. The container commits
 * the batch's offsets only after this method returns, that is after the transaction committed.
 *
 * <p>A record that cannot be applied is reported with a {@link BatchListenerFailedException} that
 * names its index: the error handler commits the records before it (already applied), retries or
 * dead-letters it, and delivers the rest again.
 */
@Component
class UserEventsListener {

  static final String LISTENER_ID = "user-events-projection";

  private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

  private final Projection projection;
  private final ConsumerMetrics metrics;

  UserEventsListener(Projection projection, ConsumerMetrics metrics) {
    this.projection = projection;
    this.metrics = metrics;
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "${userevents.consumer.topic:user-events}",
      batch = "true")
  void onRecords(List<ConsumerRecord<String, @Nullable UserEvent>> records) {
    long start = System.nanoTime();
    List<UserEvent> events = new ArrayList<>(records.size());
    RejectedRecordException rejected = null;
    for (ConsumerRecord<String, @Nullable UserEvent> record : records) {
      rejected = RecordChecks.check(record);
      if (rejected != null) {
        break;
      }
      events.add(record.value());
    }
    apply(events);
    metrics.recordBatch(records.size(), System.nanoTime() - start);
    if (rejected != null) {
      throw new BatchListenerFailedException(rejected.getMessage(), rejected, events.size());
    }
  }

  /** Applies events[0..n), which are records[0..n) of the batch. */
  private void apply(List<UserEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      metrics.recordApplied(projection.apply(events));
      return;
    } catch (RuntimeException e) {
      if (FailureClassifier.isTransient(e)) {
        throw new BatchListenerFailedException(
            "transient failure; batch retried from its first record",
            new TransientFailureException(e),
            0);
      }
      log.warn(
          "Batch of {} events failed with {}; applying them one by one to find the one at fault",
          events.size(),
          e.getClass().getName());
    }
    for (int i = 0; i < events.size(); i++) {
      try {
        metrics.recordApplied(projection.apply(List.of(events.get(i))));
      } catch (RuntimeException e) {
        RuntimeException failure =
            FailureClassifier.isTransient(e)
                ? new TransientFailureException(e)
                : new RejectedRecordException(
                    DeadLetterReason.PROCESSING_FAILED,
                    null,
                    "cannot apply event: " + e.getClass().getName(),
                    e);
        throw new BatchListenerFailedException(failure.getMessage(), failure, i);
      }
    }
  }
}
