package io.userevents.consumer.listener;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Traces the batch listener, which spring-kafka does not observe: one {@code apply <topic>} span
 * per record, a child of the producer's context read from the record's W3C {@code traceparent}.
 *
 * <p>A span per record rather than one batch span with a link per record: the parent-based sampler
 * then keeps a trace whole (a request sampled at the producer is sampled here too, whatever batch
 * it lands in), and the trace of a request reaches the database write in any trace viewer, which
 * links would not show from the request's side. The records of a batch share one database
 * transaction, so their spans share its start and end; {@code messaging.batch.message_count} says
 * how many records that transaction held. Unsampled spans are neither recorded nor tagged: the cost
 * per record is reading one header and starting a span that records nothing.
 */
@Component
class ApplySpans {

  private static final Propagator.Getter<ConsumerRecord<?, ?>> HEADERS =
      (record, name) -> {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
            ? null
            : new String(header.value(), StandardCharsets.UTF_8);
      };

  /**
   * On the span of a record that {@code kafka-admin dlt replay} republished: the dead letter it
   * came from ({@code <dlt>-<partition>@<offset>}), {@code -} otherwise. Replay keeps the original
   * {@code traceparent}, so the replayed event's span joins the event's first trace and says so.
   */
  static final String REPLAYED_FROM_TAG = "userevents.replayed_from";

  /** The header replay writes; the name is admin-tools' {@code DltHeaders.REPLAYED_FROM}. */
  static final String REPLAYED_FROM_HEADER = "kafka-admin-replayed-from";

  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  private final Tracer tracer;
  private final Propagator propagator;

  ApplySpans(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Starts the spans of records[0..n), in order. */
  Batch start(List<? extends ConsumerRecord<?, ?>> records, int count) {
    List<Span> spans = new ArrayList<>(count);
    String batchSize = String.valueOf(records.size());
    for (int i = 0; i < count; i++) {
      ConsumerRecord<?, ?> record = records.get(i);
      Span span =
          propagator
              .extract(record, HEADERS)
              .name("apply " + record.topic())
              .kind(Span.Kind.CONSUMER)
              .start();
      if (!span.isNoop()) {
        tag(span, record, batchSize);
      }
      spans.add(span);
    }
    return new Batch(tracer, spans);
  }

  /**
   * Tags a recorded span. Unsampled spans (most of them) are not recorded, so they are not tagged:
   * formatting the tags cost more than the rest of the span. No sampler here looks at tags.
   */
  private static void tag(Span span, ConsumerRecord<?, ?> record, String batchSize) {
    span.tag("messaging.system", "kafka")
        .tag("messaging.operation.type", "process")
        .tag("messaging.destination.name", record.topic())
        .tag("messaging.destination.partition.id", String.valueOf(record.partition()))
        .tag("messaging.kafka.offset", String.valueOf(record.offset()))
        .tag("messaging.batch.message_count", batchSize)
        .tag(REPLAYED_FROM_TAG, replayedFrom(record));
  }

  /**
   * Puts the trace id of the record's {@code traceparent} (when well-formed) in the MDC, for log
   * lines about the record written outside its span, such as the error handler's.
   */
  static MDC.MDCCloseable traceIdInMdc(ConsumerRecord<?, ?> record) {
    String traceparent = HEADERS.get(record, "traceparent");
    Matcher matcher = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
    return MDC.putCloseable(
        "traceId", matcher != null && matcher.matches() ? matcher.group(1) : "");
  }

  private static String replayedFrom(ConsumerRecord<?, ?> record) {
    String from = HEADERS.get(record, REPLAYED_FROM_HEADER);
    return from == null ? "-" : from;
  }

  /** The spans of one batch; closing ends those not ended yet. */
  static final class Batch implements AutoCloseable {

    private final Tracer tracer;
    private final List<Span> spans;

    private Batch(Tracer tracer, List<Span> spans) {
      this.tracer = tracer;
      this.spans = spans;
    }

    /** Makes the span of record i current (MDC, exemplars) until the scope is closed. */
    Tracer.SpanInScope scope(int i) {
      return tracer.withSpan(spans.get(i));
    }

    /** Whether the span of record i is recorded (and so worth an exemplar). */
    boolean sampled(int i) {
      return i < spans.size() && Boolean.TRUE.equals(spans.get(i).context().sampled());
    }

    /** Marks record i as failed. */
    void failed(int i, Throwable error) {
      spans.get(i).error(error);
    }

    /** Marks records[0..n) as failed: their transaction did not commit. */
    void failed(Throwable error) {
      spans.forEach(span -> span.error(error));
    }

    @Override
    public void close() {
      spans.forEach(Span::end);
    }
  }
}
