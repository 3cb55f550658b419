package io.userevents.consumer.listener;

import io.micrometer.tracing.Tracer;
import io.userevents.consumer.projection.Delivery;
import io.userevents.consumer.projection.EventIdConflictException;
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
 * dead-letters it, and delivers the rest again. A failure that is not the record's ({@link
 * FailureClassifier}) is reported as a {@link SystemicFailureException} on the first record not
 * applied: the error handler holds the partitions and retries without limit.
 */
@Component
class UserEventsListener {

  static final String LISTENER_ID = "user-events-projection";

  /**
   * Written by {@code kafka-admin dlt replay} on every record it replays (admin-tools'
   * DltHeaders.REPLAY_COUNT); such an event older than the user's state is not applied.
   */
  static final String REPLAY_HEADER = "kafka-admin-replay-count";

  private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

  private final Projection projection;
  private final ConsumerMetrics metrics;
  private final SystemicFailures systemicFailures;
  private final ApplySpans applySpans;

  UserEventsListener(
      Projection projection,
      ConsumerMetrics metrics,
      SystemicFailures systemicFailures,
      ApplySpans applySpans) {
    this.projection = projection;
    this.metrics = metrics;
    this.systemicFailures = systemicFailures;
    this.applySpans = applySpans;
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "${userevents.consumer.topic:user-events}",
      batch = "true")
  void onRecords(List<ConsumerRecord<String, @Nullable UserEvent>> records) {
    long start = System.nanoTime();
    List<Delivery> events = new ArrayList<>(records.size());
    RejectedRecordException rejected = null;
    for (ConsumerRecord<String, @Nullable UserEvent> record : records) {
      rejected = RecordChecks.check(record);
      if (rejected != null) {
        break;
      }
      events.add(new Delivery(record.value(), record.headers().lastHeader(REPLAY_HEADER) != null));
    }
    try (ApplySpans.Batch spans =
        applySpans.start(records, events.size() + (rejected == null ? 0 : 1))) {
      if (rejected != null) {
        spans.failed(events.size(), rejected);
      }
      apply(events, spans);
    }
    systemicFailures.applied(records.subList(0, events.size()));
    metrics.recordBatch(records.size(), System.nanoTime() - start);
    if (rejected != null) {
      throw new BatchListenerFailedException(rejected.getMessage(), rejected, events.size());
    }
  }

  /** Applies events[0..n), which are records[0..n) of the batch, each in its record's span. */
  private void apply(List<Delivery> events, ApplySpans.Batch spans) {
    if (events.isEmpty()) {
      return;
    }
    try {
      metrics.recordApplied(projection.applyDeliveries(events), spans, 0);
      systemicFailures.cleared();
      return;
    } catch (EventIdConflictException e) {
      apply(events.subList(0, e.index()), spans);
      throw conflictAt(e.index(), e);
    } catch (RuntimeException e) {
      String systemic = FailureClassifier.systemicReason(e);
      if (systemic != null || FailureClassifier.isRace(e)) {
        spans.failed(e);
      }
      if (systemic != null) {
        throw new BatchListenerFailedException(
            "systemic failure; batch held and retried from its first record",
            new SystemicFailureException(systemic, e),
            0);
      }
      if (FailureClassifier.isRace(e)) {
        throw new BatchListenerFailedException(
            "concurrent delivery; batch retried from its first record",
            new RecordFailureException(e),
            0);
      }
      log.warn(
          "Batch of {} events failed with {}; applying them one by one to find the one at fault",
          events.size(),
          e.getClass().getName());
    }
    for (int i = 0; i < events.size(); i++) {
      try (Tracer.SpanInScope scope = spans.scope(i)) {
        metrics.recordApplied(projection.applyDeliveries(List.of(events.get(i))), spans, i);
        systemicFailures.cleared();
      } catch (EventIdConflictException e) {
        throw conflictAt(i, e);
      } catch (RuntimeException e) {
        spans.failed(i, e);
        String systemic = FailureClassifier.systemicReason(e);
        RuntimeException failure =
            systemic != null
                ? new SystemicFailureException(systemic, e)
                : new RecordFailureException(e);
        throw new BatchListenerFailedException(failure.getMessage(), failure, i);
      }
    }
  }

  /** The record at {@code index} reuses an event id with other content: dead-letter it. */
  private BatchListenerFailedException conflictAt(int index, EventIdConflictException conflict) {
    metrics.recordEventIdConflict();
    RejectedRecordException rejected =
        new RejectedRecordException(
            DeadLetterReason.EVENT_ID_CONFLICT, "eventId", conflict.getMessage(), conflict);
    return new BatchListenerFailedException(rejected.getMessage(), rejected, index);
  }
}
