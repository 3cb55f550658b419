package io.userevents.producer.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.userevents.model.EventDecodingException;
import io.userevents.model.InvalidEventException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.web.RequestAttributes;
import io.userevents.service.problem.InvalidField;
import io.userevents.service.problem.ProblemProperties;
import io.userevents.service.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk ingest of complete events: every valid item is sent before any acknowledgement is awaited;
 * 200 when all were acknowledged, 207 with per-item results otherwise.
 */
@RestController
@Tag(name = "events", description = "Bulk ingest of complete events")
class BulkController {

  static final String NDJSON = "application/x-ndjson";

  private final EventPublisher publisher;
  private final IdempotencyStore idempotency;
  private final RequestLimits limits;
  private final IngestMetrics metrics;
  private final IngestProperties properties;
  private final ProblemProperties problemProperties;
  private final BulkDecoder decoder;

  BulkController(
      EventPublisher publisher,
      IdempotencyStore idempotency,
      RequestLimits limits,
      IngestMetrics metrics,
      IngestProperties properties,
      ProblemProperties problemProperties) {
    this.publisher = publisher;
    this.idempotency = idempotency;
    this.limits = limits;
    this.metrics = metrics;
    this.properties = properties;
    this.problemProperties = problemProperties;
    this.decoder =
        new BulkDecoder(
            UserEventCodec.withMaxPayloadBytes(properties.limits().maxBodyBytes()),
            properties.limits().bulkMaxItems());
  }

  @Operation(
      summary = "Publish complete events in bulk (JSON array or NDJSON)",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/UserEvent"))),
                @Content(mediaType = NDJSON, schema = @Schema(type = "string"))
              }))
  @ApiResponse(responseCode = "200", description = "Every item acknowledged by the broker")
  @ApiResponse(
      responseCode = "207",
      description =
          "Some items rejected or not acknowledged (Retry-After set when any item got 503)")
  @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER)
  @PostMapping(
      path = "/api/events",
      consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<BulkResponse> ingest(@RequestBody byte[] body, HttpServletRequest request) {
    IdempotencyKey key = IdempotencyKey.of(request, properties.limits().maxIdLength());
    if (key != null) {
      BulkResponse earlier = idempotency.replay(key, BulkResponse.class);
      if (earlier != null) {
        return ResponseEntity.ok().header(UserController.REPLAYED_HEADER, "true").body(earlier);
      }
    }
    List<BulkDecoder.Item> items =
        isNdjson(request) ? decoder.decodeNdjson(body) : decoder.decodeArray(body);
    metrics.bulkSize(items.size());

    BulkResponse.ItemResult[] results = new BulkResponse.ItemResult[items.size()];
    Map<Integer, UserEvent> valid =
        validate(items, RequestAttributes.correlationId(request), results);
    if (key != null) {
      idempotency.reserve(key);
    }
    List<EventPublisher.Outcome> outcomes = publisher.publishAll(List.copyOf(valid.values()));
    Iterator<Integer> indexes = valid.keySet().iterator();
    for (EventPublisher.Outcome outcome : outcomes) {
      int index = indexes.next();
      results[index] = result(index, outcome);
    }

    BulkResponse response = BulkResponse.of(List.of(results));
    if (response.allAccepted()) {
      if (key != null) {
        idempotency.remember(key, response);
      }
      return ResponseEntity.ok(response);
    }
    ResponseEntity.BodyBuilder multiStatus = ResponseEntity.status(HttpStatus.MULTI_STATUS);
    if (response.results().stream().anyMatch(r -> r.status() == 503)) {
      multiStatus.header("Retry-After", Long.toString(problemProperties.retryAfterSeconds()));
    }
    return multiStatus.body(response);
  }

  /**
   * The events to send, by item index in request order; every other item gets its rejection in
   * {@code results}. Items without a correlation id get the request's.
   */
  private Map<Integer, UserEvent> validate(
      List<BulkDecoder.Item> items,
      @Nullable String correlationId,
      BulkResponse.ItemResult[] results) {
    Map<Integer, UserEvent> valid = new LinkedHashMap<>();
    for (BulkDecoder.Item item : items) {
      if (item instanceof BulkDecoder.Refused refused) {
        metrics.rejected(null);
        results[item.index()] = rejected(item.index(), null, refused.error());
      } else if (item instanceof BulkDecoder.Decoded decoded) {
        UserEvent event = decoded.event();
        try {
          if (event.correlationId() == null) {
            event = event.withCorrelationId(correlationId);
          }
          valid.put(item.index(), limits.check(event));
        } catch (InvalidEventException e) {
          metrics.rejected(event.eventType());
          results[item.index()] =
              rejected(
                  item.index(),
                  event.eventId(),
                  new EventDecodingException(
                      EventDecodingException.Reason.INVALID_EVENT, e.field(), e.getMessage(), e));
        }
      }
    }
    return valid;
  }

  private static BulkResponse.ItemResult result(int index, EventPublisher.Outcome outcome) {
    if (outcome instanceof EventPublisher.Acknowledged ack) {
      Receipt receipt = ack.receipt();
      return new BulkResponse.ItemResult(
          index, receipt.eventId(), 201, "accepted", receipt.partition(), receipt.offset(), null);
    }
    if (outcome instanceof EventPublisher.Refused refused) {
      return failed(index, refused.event(), refused.type(), refused.reason());
    }
    EventPublisher.NotAcknowledged notAcked = (EventPublisher.NotAcknowledged) outcome;
    return failed(index, notAcked.event(), ProblemType.BROKER_UNAVAILABLE, notAcked.reason());
  }

  private static BulkResponse.ItemResult failed(
      int index, UserEvent event, ProblemType type, String detail) {
    int status = type.status().value();
    return new BulkResponse.ItemResult(
        index,
        event.eventId(),
        status,
        "failed",
        null,
        null,
        new BulkResponse.ItemProblem(type.uri(), type.title(), status, detail, null));
  }

  private static boolean isNdjson(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.valueOf(NDJSON));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static BulkResponse.ItemResult rejected(
      int index, @Nullable String eventId, EventDecodingException error) {
    boolean tooLarge = error.reason() == EventDecodingException.Reason.PAYLOAD_TOO_LARGE;
    boolean malformed = error.reason() == EventDecodingException.Reason.MALFORMED_JSON;
    int status = tooLarge ? 413 : 400;
    String detail = error.getMessage() == null ? "invalid event" : error.getMessage();
    BulkResponse.ItemProblem problem =
        new BulkResponse.ItemProblem(
            tooLarge
                ? ProblemType.PAYLOAD_TOO_LARGE.uri()
                : malformed ? ProblemType.MALFORMED_REQUEST.uri() : ProblemType.VALIDATION.uri(),
            tooLarge ? "Payload too large" : malformed ? "Malformed event" : "Validation failed",
            status,
            detail,
            error.field() == null ? null : List.of(new InvalidField(error.field(), detail)));
    return new BulkResponse.ItemResult(index, eventId, status, "rejected", null, null, problem);
  }
}
