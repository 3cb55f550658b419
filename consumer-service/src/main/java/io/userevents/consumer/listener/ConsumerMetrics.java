package io.userevents.consumer.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import io.userevents.consumer.projection.ApplyResult;
import io.userevents.consumer.projection.ApplyResult.EventOutcome;
import io.userevents.consumer.projection.Outcome;
import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * The consumer's meters: {@code userevents.consumer.events} (tags {@code type}, {@code outcome}),
 * {@code userevents.consumer.processing}, {@code userevents.consumer.e2e.latency} and {@code
 * userevents.consumer.batch.size} and {@code userevents.consumer.event-id-conflicts}.
 */
@Component
class ConsumerMetrics {

  static final String EVENTS = "userevents.consumer.events";
  static final String EVENT_ID_CONFLICTS = "userevents.consumer.event-id-conflicts";
  static final String UNKNOWN_TYPE = "UNKNOWN";
  static final String RETRIED = "retried";
  static final String DEAD_LETTERED = "dead_lettered";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer processing;
  private final Timer endToEnd;
  private final DistributionSummary batchSize;
  private final Counter eventIdConflicts;

  private static final EventType[] TYPES = EventType.values();
  private static final Outcome[] OUTCOMES = Outcome.values();

  /** The outcome counters, by {@code type.ordinal() * OUTCOMES.length + outcome.ordinal()}. */
  private final Counter[] outcomeCounters = new Counter[TYPES.length * OUTCOMES.length];

  ConsumerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.processing =
        Timer.builder("userevents.consumer.processing")
            .description("Time to apply one polled batch of records, database commit included")
            .register(registry);
    this.endToEnd =
        Timer.builder("userevents.consumer.e2e.latency")
            .description("Apply time minus event timestamp, per applied event")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("userevents.consumer.batch.size")
            .description("Records per polled batch")
            .baseUnit("records")
            .register(registry);
    this.eventIdConflicts =
        Counter.builder(EVENT_ID_CONFLICTS)
            .description("Events dead-lettered because their id was processed with other content")
            .register(registry);
    for (EventType type : TYPES) {
      for (Outcome outcome : OUTCOMES) {
        outcomeCounters[type.ordinal() * OUTCOMES.length + outcome.ordinal()] =
            counter(type.name(), outcome.tag());
      }
      counter(type.name(), RETRIED);
      counter(type.name(), DEAD_LETTERED);
    }
    counter(UNKNOWN_TYPE, RETRIED);
    counter(UNKNOWN_TYPE, DEAD_LETTERED);
  }

  /**
   * Counts the outcomes of a committed transaction and records end-to-end latency, each sample in
   * its record's span when that is sampled so that it carries the trace id as an exemplar. The
   * outcomes are those of records[first..] of the batch.
   */
  void recordApplied(ApplyResult result, ApplySpans.Batch spans, int first) {
    long now = System.currentTimeMillis();
    // Counted per batch and added once per counter: the same totals without a lookup per event.
    long[] counts = new long[outcomeCounters.length];
    List<EventOutcome> outcomes = result.outcomes();
    for (int i = 0; i < outcomes.size(); i++) {
      EventOutcome outcome = outcomes.get(i);
      UserEvent event = outcome.event();
      counts[event.eventType().ordinal() * OUTCOMES.length + outcome.outcome().ordinal()]++;
      if (outcome.outcome() == Outcome.APPLIED) {
        long latency = Math.max(0, now - event.timestamp());
        if (spans.sampled(first + i)) {
          try (Tracer.SpanInScope scope = spans.scope(first + i)) {
            endToEnd.record(latency, TimeUnit.MILLISECONDS);
          }
        } else {
          endToEnd.record(latency, TimeUnit.MILLISECONDS);
        }
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        outcomeCounters[i].increment(counts[i]);
      }
    }
  }

  void recordBatch(int records, long nanos) {
    batchSize.record(records);
    processing.record(nanos, TimeUnit.NANOSECONDS);
  }

  void recordEventIdConflict() {
    eventIdConflicts.increment();
  }

  void recordRetried(ConsumerRecord<?, ?> record) {
    counter(typeOf(record), RETRIED).increment();
  }

  void recordDeadLettered(ConsumerRecord<?, ?> record) {
    counter(typeOf(record), DEAD_LETTERED).increment();
  }

  static String typeOf(ConsumerRecord<?, ?> record) {
    return record.value() instanceof UserEvent event ? event.eventType().name() : UNKNOWN_TYPE;
  }

  private Counter counter(String type, String outcome) {
    return counters.computeIfAbsent(
        type + '|' + outcome,
        key ->
            Counter.builder(EVENTS)
                .description("Consumed events by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry));
  }
}
