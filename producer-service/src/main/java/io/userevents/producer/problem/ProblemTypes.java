package io.userevents.producer.problem;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The stable {@code type} URIs of every problem this service answers with. */
public final class ProblemTypes {

  private static final String BASE = "https://userevents.io/problems/";

  /** 400: the body is not JSON of the expected shape. */
  public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");

  /** 400: fields break the rules; see the {@code errors} extension. */
  public static final URI VALIDATION = URI.create(BASE + "validation");

  /** 401: no or no valid bearer token. */
  public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

  /** 403: the token lacks the scope the endpoint needs. */
  public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

  /** 404: no such resource. */
  public static final URI NOT_FOUND = URI.create(BASE + "not-found");

  /** 405: the resource does not support the method. */
  public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");

  /** 406: no representation the client accepts. */
  public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");

  /** 408: the body did not arrive within {@code limits.body-timeout}; send it again faster. */
  public static final URI REQUEST_TIMEOUT = URI.create(BASE + "request-timeout");

  /** 413: the body or the bulk item count is larger than allowed. */
  public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

  /** 415: the content type is not one the endpoint reads. */
  public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");

  /** 422: an idempotency key was reused with a different request. */
  public static final URI IDEMPOTENCY_CONFLICT = URI.create(BASE + "idempotency-conflict");

  /** 431: the request headers are larger than allowed. */
  public static final URI HEADERS_TOO_LARGE = URI.create(BASE + "request-headers-too-large");

  /** 503: the broker did not acknowledge in time; retry after {@code Retry-After}. */
  public static final URI BROKER_UNAVAILABLE = URI.create(BASE + "broker-unavailable");

  /**
   * 503: the service holds as many request bodies as it may ({@code
   * limits.max-buffered-body-size}); our capacity, not the client's fault: retry after {@code
   * Retry-After}.
   */
  public static final URI SERVER_BUSY = URI.create(BASE + "server-busy");

  /**
   * 500: the broker refused a valid event for good (credentials, ACLs, topic configuration); no
   * {@code Retry-After}, because retrying fails the same way until an operator fixes it.
   */
  public static final URI BROKER_REFUSED = URI.create(BASE + "broker-refused");

  /** Any other client error. */
  public static final URI BAD_REQUEST = URI.create(BASE + "bad-request");

  /** 500: a fault of this service. */
  public static final URI INTERNAL = URI.create(BASE + "internal");

  private ProblemTypes() {}

  /** A problem of the given status, type and title with a detail for the client. */
  public static ProblemDetail problem(
      HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  /** The type a status is answered with when no more precise type applies. */
  public static URI forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 408 -> REQUEST_TIMEOUT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> IDEMPOTENCY_CONFLICT;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> BROKER_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : BAD_REQUEST;
    };
  }
}
