package io.userevents.producer.ingest;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.userevents.model.UserEvent;
import io.userevents.producer.config.IngestProperties;
import io.userevents.service.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes events keyed by user id and waits for the broker's acknowledgement, never longer than
 * {@code userevents.ingest.send-timeout}. Metrics follow what the broker finally says, even when
 * that comes after the request was answered.
 *
 * <p>The template observes each send (a producer span, child of the request's span, whose context
 * it writes into the record's one {@code traceparent} header). The acknowledgement arrives on the
 * producer's I/O thread: the request's span is put back in scope there, so that the latency sample
 * carries its trace id as an exemplar and the log lines about the event carry it in the MDC.
 */
@Component
class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final KafkaTemplate<String, UserEvent> template;
  private final IngestProperties properties;
  private final IngestMetrics metrics;
  private final Tracer tracer;

  EventPublisher(
      KafkaTemplate<String, UserEvent> template,
      IngestProperties properties,
      IngestMetrics metrics,
      Tracer tracer) {
    this.template = template;
    this.properties = properties;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  /** What became of one event. */
  sealed interface Outcome permits Acknowledged, NotAcknowledged, Refused {}

  /** The broker acknowledged the event. */
  record Acknowledged(Receipt receipt) implements Outcome {}

  /** The broker did not acknowledge the event in time; it may still be written. */
  record NotAcknowledged(UserEvent event, String reason) implements Outcome {}

  /**
   * The event is not written and sending it again will not help: Kafka refused it for good ({@code
   * broker-refused}), or this service failed to serialize it ({@code internal}); see {@link
   * SendFailures.Kind}.
   */
  record Refused(UserEvent event, ProblemType type, String reason) implements Outcome {}

  /**
   * Publishes one event and waits for its acknowledgement.
   *
   * @throws BrokerUnavailableException when it was not acknowledged within the send timeout
   * @throws SendRefusedException when Kafka refused it for good or it could not be serialized
   */
  Receipt publish(UserEvent event) {
    long started = System.nanoTime();
    Outcome outcome = await(send(event, started), started + properties.sendTimeout().toNanos());
    if (outcome instanceof NotAcknowledged failed) {
      throw new BrokerUnavailableException(event.eventId(), failed.reason());
    }
    if (outcome instanceof Refused refused) {
      throw new SendRefusedException(refused);
    }
    return ((Acknowledged) outcome).receipt();
  }

  /**
   * Sends every event before waiting for any acknowledgement, then waits for all of them within one
   * send timeout. Events not yet handed to the producer when the timeout has passed are not sent.
   */
  List<Outcome> publishAll(List<UserEvent> events) {
    long started = System.nanoTime();
    long deadline = started + properties.sendTimeout().toNanos();
    List<InFlight> inFlight = new ArrayList<>(events.size());
    for (UserEvent event : events) {
      inFlight.add(
          System.nanoTime() < deadline
              ? send(event, started)
              : new InFlight(event, CompletableFuture.failedFuture(new TimeoutException())));
    }
    List<Outcome> outcomes = new ArrayList<>(events.size());
    for (InFlight each : inFlight) {
      outcomes.add(await(each, deadline));
    }
    return outcomes;
  }

  private record InFlight(UserEvent event, CompletableFuture<SendResult<String, UserEvent>> ack) {}

  private InFlight send(UserEvent event, long startedNanos) {
    CompletableFuture<SendResult<String, UserEvent>> ack;
    try {
      ack = template.send(properties.topic(), event.userId(), event);
    } catch (RuntimeException e) {
      ack = CompletableFuture.failedFuture(e);
    }
    Span request = tracer.currentSpan();
    ack.whenComplete(
        (result, error) -> {
          try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            acknowledged(event, startedNanos, result, error);
          }
        });
    return new InFlight(event, ack);
  }

  private void acknowledged(
      UserEvent event,
      long startedNanos,
      @Nullable SendResult<String, UserEvent> result,
      @Nullable Throwable error) {
    if (error == null) {
      metrics.accepted(event.eventType(), startedNanos);
      RecordMetadata metadata = result.getRecordMetadata();
      log.debug(
          "Published {} to {}-{}@{}",
          event.eventId(),
          metadata.topic(),
          metadata.partition(),
          metadata.offset());
      return;
    }
    SendFailures.Classified failure = SendFailures.classify(error);
    if (failure.kind() == SendFailures.Kind.UNAVAILABLE) {
      metrics.failed(event.eventType());
    } else {
      metrics.refused(event.eventType());
    }
    if (failure.kind() == SendFailures.Kind.REFUSED) {
      log.error(
          "Event {} ({}) for user {} was refused for good; check the producer's credentials,"
              + " its ACLs and max.request.size, and the topic's configuration: {}",
          event.eventId(),
          event.eventType(),
          event.userId(),
          failure.cause().toString());
    } else if (failure.kind() == SendFailures.Kind.FAULT) {
      log.error(
          "Event {} ({}) for user {} could not be serialized",
          event.eventId(),
          event.eventType(),
          event.userId(),
          error);
    } else {
      log.warn(
          "Event {} ({}) for user {} was not acknowledged: {}",
          event.eventId(),
          event.eventType(),
          event.userId(),
          SendFailures.rootCause(error).toString());
    }
  }

  private Outcome await(InFlight inFlight, long deadlineNanos) {
    UserEvent event = inFlight.event();
    try {
      long remaining = Math.max(0, deadlineNanos - System.nanoTime());
      SendResult<String, UserEvent> result = inFlight.ack().get(remaining, TimeUnit.NANOSECONDS);
      RecordMetadata metadata = result.getRecordMetadata();
      return new Acknowledged(
          new Receipt(
              event.eventId(),
              event.userId(),
              event.eventType(),
              metadata.topic(),
              metadata.partition(),
              metadata.offset(),
              Instant.ofEpochMilli(event.timestamp())));
    } catch (TimeoutException e) {
      return new NotAcknowledged(
          event,
          "The broker did not acknowledge the event within "
              + properties.sendTimeout().toMillis()
              + " ms; it may still be written. Retrying with the same Idempotency-Key is safe.");
    } catch (ExecutionException e) {
      SendFailures.Classified failure = SendFailures.classify(e);
      return switch (failure.kind()) {
        case REFUSED ->
            new Refused(
                event,
                ProblemType.BROKER_REFUSED,
                "Kafka refused the event ("
                    + failure.cause().getClass().getSimpleName()
                    + "). The request is valid: this service's Kafka credentials, ACLs or"
                    + " producer settings, or the topic's configuration, are at fault, and retrying"
                    + " will fail the same way until they are fixed. The event was not written.");
        case FAULT ->
            new Refused(
                event,
                ProblemType.INTERNAL,
                "The service failed to serialize the event; it has been logged. The event was"
                    + " not written.");
        case UNAVAILABLE ->
            new NotAcknowledged(
                event,
                "The broker did not acknowledge the event ("
                    + failure.cause().getClass().getSimpleName()
                    + "). Retrying with the same Idempotency-Key is safe.");
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NotAcknowledged(event, "Interrupted while waiting for the broker.");
    }
  }
}
