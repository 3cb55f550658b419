package io.userevents.producer.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.userevents.model.TimeOrderedIds;
import io.userevents.model.UserEvent;
import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.web.RequestAttributes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Single-event writes: create (201), update and delete (202), each answered only after the broker
 * acknowledged the event.
 */
@RestController
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "users", description = "Publish user changes")
class UserController {

  static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final String KEY_DOC =
      "Makes retries safe: the same key yields the same eventId (and userId for a create)";
  private static final String CORRELATION_DOC =
      "Carried into the event's correlationId and echoed; else traceparent's trace id is used";

  private final EventPublisher publisher;
  private final IdempotencyStore idempotency;
  private final RequestLimits limits;
  private final IngestProperties properties;

  UserController(
      EventPublisher publisher,
      IdempotencyStore idempotency,
      RequestLimits limits,
      IngestProperties properties) {
    this.publisher = publisher;
    this.idempotency = idempotency;
    this.limits = limits;
    this.properties = properties;
  }

  @Operation(summary = "Register a user: publishes USER_CREATED")
  @ApiResponse(responseCode = "201", description = "Acknowledged by the broker")
  @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = KEY_DOC)
  @Parameter(
      name = RequestAttributes.CORRELATION_ID_HEADER,
      in = ParameterIn.HEADER,
      description = CORRELATION_DOC)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Receipt> create(@Valid @RequestBody UserRequest body, HttpServletRequest request) {
    return write(
        request,
        HttpStatus.CREATED,
        key -> {
          String userId = key == null ? TimeOrderedIds.next() : key.userId();
          return UserEvent.created(userId, body.username(), body.email(), body.metadataOrEmpty());
        });
  }

  @Operation(summary = "Change a user's profile: publishes USER_UPDATED")
  @ApiResponse(responseCode = "202", description = "Acknowledged by the broker")
  @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = KEY_DOC)
  @Parameter(
      name = RequestAttributes.CORRELATION_ID_HEADER,
      in = ParameterIn.HEADER,
      description = CORRELATION_DOC)
  @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Receipt> update(
      @PathVariable String userId,
      @Valid @RequestBody UserRequest body,
      HttpServletRequest request) {
    return write(
        request,
        HttpStatus.ACCEPTED,
        key -> UserEvent.updated(userId, body.username(), body.email(), body.metadataOrEmpty()));
  }

  @Operation(summary = "Remove a user: publishes USER_DELETED")
  @ApiResponse(responseCode = "202", description = "Acknowledged by the broker")
  @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = KEY_DOC)
  @Parameter(
      name = RequestAttributes.CORRELATION_ID_HEADER,
      in = ParameterIn.HEADER,
      description = CORRELATION_DOC)
  @DeleteMapping(path = "/{userId}")
  ResponseEntity<Receipt> delete(@PathVariable String userId, HttpServletRequest request) {
    return write(request, HttpStatus.ACCEPTED, key -> UserEvent.deleted(userId, Map.of()));
  }

  private ResponseEntity<Receipt> write(
      HttpServletRequest request,
      HttpStatus status,
      Function<@Nullable IdempotencyKey, UserEvent> eventFactory) {
    IdempotencyKey key = IdempotencyKey.of(request, properties.limits().maxIdLength());
    if (key != null) {
      Receipt earlier = idempotency.replay(key, Receipt.class);
      if (earlier != null) {
        return respond(status, earlier, true);
      }
    }
    UserEvent event =
        eventFactory.apply(key).withCorrelationId(RequestAttributes.correlationId(request));
    if (key != null) {
      event = event.withEventId(key.eventId());
    }
    limits.check(event);
    if (key != null) {
      idempotency.reserve(key);
    }
    Receipt receipt = publisher.publish(event);
    if (key != null) {
      idempotency.remember(key, receipt);
    }
    return respond(status, receipt, false);
  }

  private static ResponseEntity<Receipt> respond(
      HttpStatus status, Receipt receipt, boolean replayed) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    if (status == HttpStatus.CREATED) {
      response.location(URI.create("/api/users/" + receipt.userId()));
    }
    if (replayed) {
      response.header(REPLAYED_HEADER, "true");
    }
    return response.body(receipt);
  }
}
