package io.userevents.consumer.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.RetryListener;

/**
 * Counts and logs failed deliveries, retries and dead letters; hands systemic failures (and a
 * dead-letter topic that cannot be written) to {@link SystemicFailures}. Never logs a payload.
 */
class DeliveryFailureListener implements RetryListener {

  private static final Logger log = LoggerFactory.getLogger(DeliveryFailureListener.class);

  private final ConsumerMetrics metrics;
  private final SystemicFailures systemicFailures;
  private final int maxAttempts;
  private final String deadLetterTopic;

  DeliveryFailureListener(
      ConsumerMetrics metrics,
      SystemicFailures systemicFailures,
      int maxAttempts,
      String deadLetterTopic) {
    this.metrics = metrics;
    this.systemicFailures = systemicFailures;
    this.maxAttempts = maxAttempts;
    this.deadLetterTopic = deadLetterTopic;
  }

  @Override
  public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
    String systemic = FailureClassifier.systemicReason(failure);
    if (systemic != null) {
      // counted and logged once per interval by SystemicFailures, not once per record
      metrics.recordRetried(record);
      systemicFailures.failed(systemic, failure);
      return;
    }
    if (FailureClassifier.cause(failure, RecordFailureException.class) != null
        && deliveryAttempt < maxAttempts) {
      metrics.recordRetried(record);
      try (MDC.MDCCloseable trace = ApplySpans.traceIdInMdc(record)) {
        log.warn(
            "Attempt {} of {} failed for {}-{}@{} ({}); retrying after back-off",
            deliveryAttempt,
            maxAttempts,
            record.topic(),
            record.partition(),
            record.offset(),
            rootCause(failure));
      }
    }
  }

  @Override
  public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
    metrics.recordDeadLettered(record);
    systemicFailures.deadLettered(new TopicPartition(record.topic(), record.partition()));
    try (MDC.MDCCloseable trace = ApplySpans.traceIdInMdc(record)) {
      log.warn(
          "Dead-lettered {}-{}@{} to {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          deadLetterTopic,
          DeadLetterRecoverer.reasonOf(failure));
    }
  }

  @Override
  public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
    if (FailureClassifier.cause(failure, BatchListenerFailedException.class) == null) {
      log.warn(
          "Batch of {} records failed without naming a record (attempt {})",
          records.count(),
          attempt,
          failure);
    }
  }

  @Override
  public void recovered(ConsumerRecords<?, ?> records, Exception failure) {
    records.forEach(metrics::recordDeadLettered);
    log.warn(
        "Dead-lettered a whole batch of {} records to {}: {}",
        records.count(),
        deadLetterTopic,
        DeadLetterRecoverer.reasonOf(failure));
  }

  /**
   * The record could not be set aside: the recoverer refused a systemic failure, a healthy probe
   * event failed as well ({@code probe-failed}), or the dead-letter topic did not take it ({@code
   * dead-letter-unavailable}). Its partition is paused and the record delivered again after the
   * back-off; counted and logged once per interval by {@link SystemicFailures}, not once per
   * attempt.
   */
  @Override
  public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
    DeadLetterRefusedException refused =
        FailureClassifier.cause(failure, DeadLetterRefusedException.class);
    if (refused != null) {
      if (refused.deadLetterPending()) {
        // held until the record is dead-lettered or applied, whatever else the consumer applies
        systemicFailures.deadLetterRefused(
            refused.getTopicPartition(), refused.reason(), refused.getCause());
      } else {
        // the recoverer refused to dead-letter a systemic failure
        systemicFailures.failed(refused.reason(), original);
      }
      return;
    }
    // not thrown by DeadLetterRecoverer, which reports every refusal as above
    systemicFailures.failed(DeadLetterRecoverer.UNAVAILABLE, failure);
    try (MDC.MDCCloseable trace = ApplySpans.traceIdInMdc(record)) {
      log.error(
          "Could not dead-letter {}-{}@{}; it will be delivered again",
          record.topic(),
          record.partition(),
          record.offset(),
          failure);
    }
  }

  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getName();
  }
}
