package io.userevents.producer.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userevents.model.EventType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The ingest meters: {@code userevents.ingest.events} (tags {@code type}, {@code outcome}), {@code
 * userevents.ingest.publish.latency} (request to broker ack, histogram, tag {@code type}) and
 * {@code userevents.ingest.bulk.size}. Every type/outcome pair is registered at start-up so that
 * dashboards see zeros rather than gaps. Bulk items the codec refuses (the decoder reports no type
 * for them) count as {@code type=UNKNOWN}, also when their JSON names a valid type.
 */
@Component
class IngestMetrics {

  static final String EVENTS = "userevents.ingest.events";
  static final String LATENCY = "userevents.ingest.publish.latency";
  static final String BULK_SIZE = "userevents.ingest.bulk.size";
  static final String UNKNOWN_TYPE = "UNKNOWN";

  private final Map<EventType, Counter> accepted = new EnumMap<>(EventType.class);
  private final Map<EventType, Counter> rejected = new EnumMap<>(EventType.class);
  private final Map<EventType, Counter> failed = new EnumMap<>(EventType.class);
  private final Map<EventType, Counter> refused = new EnumMap<>(EventType.class);
  private final Map<EventType, Timer> latency = new EnumMap<>(EventType.class);
  private final Counter rejectedUnknown;
  private final DistributionSummary bulkSize;

  IngestMetrics(MeterRegistry registry) {
    for (EventType type : EventType.values()) {
      accepted.put(type, counter(registry, type.name(), "accepted"));
      rejected.put(type, counter(registry, type.name(), "rejected"));
      failed.put(type, counter(registry, type.name(), "failed"));
      refused.put(type, counter(registry, type.name(), "refused"));
      latency.put(
          type,
          Timer.builder(LATENCY)
              .description("Time from receiving a request to the broker's acknowledgement")
              .tag("type", type.name())
              .publishPercentileHistogram()
              .register(registry));
    }
    rejectedUnknown = counter(registry, UNKNOWN_TYPE, "rejected");
    bulkSize =
        DistributionSummary.builder(BULK_SIZE)
            .description("Number of events in a bulk request")
            .baseUnit("events")
            .register(registry);
  }

  void accepted(EventType type, long startedNanos) {
    accepted.get(type).increment();
    latency.get(type).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  void failed(EventType type) {
    failed.get(type).increment();
  }

  void refused(EventType type) {
    refused.get(type).increment();
  }

  void rejected(@Nullable EventType type) {
    (type == null ? rejectedUnknown : rejected.get(type)).increment();
  }

  void bulkSize(int items) {
    bulkSize.record(items);
  }

  private static Counter counter(MeterRegistry registry, String type, String outcome) {
    return Counter.builder(EVENTS)
        .description(
            "Events by type and outcome: accepted (acknowledged by the broker),"
                + " rejected (invalid), failed (not acknowledged), refused (not written, and a"
                + " retry fails the same way: Kafka refused it or it could not be serialized)")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(registry);
  }
}
