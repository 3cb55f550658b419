package io.userevents.service.problem;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The one catalog of problem types both services answer with: a stable {@code type} URI ({@value
 * #BASE}{@code <slug>}), the status it is usually sent with and its title.
 */
public enum ProblemType {
  /** 400: fields break the rules; see the {@code errors} extension. */
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Validation failed"),
  /** 400: the body is not JSON of the expected shape. */
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
  /** 400: any other client error (a URL the firewall refuses, for example). */
  BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
  /** 401: no or no valid bearer token. */
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
  /** 403: the token lacks the scope the endpoint needs. */
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
  /** 404: no such resource. */
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  /** 405: the resource does not support the method. */
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  /** 406: no representation the client accepts. */
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  /** 408: the request (its body) did not arrive in time. */
  REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request timeout"),
  /** 410: the resource existed and was deleted. */
  GONE("gone", HttpStatus.GONE, "Gone"),
  /** 413: the body or the bulk item count is larger than allowed. */
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
  /** 415: the content type is not one the endpoint reads. */
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  /** 422: an idempotency key was reused with a different request. */
  IDEMPOTENCY_CONFLICT(
      "idempotency-conflict", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
  /** 429: the client sent more requests than its rate limit; retry after {@code Retry-After}. */
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  /** 431: the request headers are larger than allowed. */
  HEADERS_TOO_LARGE(
      "request-headers-too-large",
      HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
      "Request headers too large"),
  /** 500: a fault of this service. */
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  /**
   * 500: the broker refused a valid event for good (credentials, ACLs, topic configuration); no
   * {@code Retry-After}, because retrying fails the same way until an operator fixes it.
   */
  BROKER_REFUSED("broker-refused", HttpStatus.INTERNAL_SERVER_ERROR, "Broker refused the event"),
  /** 503: the service is at its capacity; retry after {@code Retry-After}. */
  SERVER_BUSY("server-busy", HttpStatus.SERVICE_UNAVAILABLE, "Server busy"),
  /** 503: the broker did not acknowledge in time; retry after {@code Retry-After}. */
  BROKER_UNAVAILABLE("broker-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable"),
  /** 503: the database does not answer; retry after {@code Retry-After}. */
  DATABASE_UNAVAILABLE(
      "database-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable");

  /** Where every type URI starts. */
  public static final String BASE = "https://userevents.io/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;
  private final URI uri;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
    this.uri = URI.create(BASE + slug);
  }

  /** The last segment of the type URI, e.g. {@code broker-unavailable}. */
  public String slug() {
    return slug;
  }

  /** The status this type is sent with unless a caller chooses another. */
  public HttpStatus status() {
    return status;
  }

  /** A short, human-readable summary that does not change from occurrence to occurrence. */
  public String title() {
    return title;
  }

  /** The {@code type} member of the problem. */
  public URI uri() {
    return uri;
  }

  /** Whether an answer of this type tells the client when to retry ({@code Retry-After}). */
  public boolean retryable() {
    return status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS;
  }

  /** The type a status is answered with when no more precise type applies. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 408 -> REQUEST_TIMEOUT;
      case 410 -> GONE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> IDEMPOTENCY_CONFLICT;
      case 429 -> RATE_LIMITED;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> SERVER_BUSY;
      default -> status >= 500 ? INTERNAL : BAD_REQUEST;
    };
  }

  /** The catalog entry whose URI this is, or null. */
  public static @Nullable ProblemType fromUri(@Nullable URI uri) {
    for (ProblemType type : values()) {
      if (type.uri.equals(uri)) {
        return type;
      }
    }
    return null;
  }
}
