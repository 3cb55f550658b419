package io.userevents.producer.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** What the filters of this package leave on a request for the endpoints. */
public final class RequestAttributes {

  /** The header carrying the correlation id in both directions. */
  public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

  static final String CORRELATION_ID = RequestAttributes.class.getName() + ".correlationId";
  static final String BODY = RequestAttributes.class.getName() + ".body";

  private RequestAttributes() {}

  /** The correlation id of the request: sent by the client, taken from traceparent or made up. */
  public static @Nullable String correlationId(HttpServletRequest request) {
    return request.getAttribute(CORRELATION_ID) instanceof String id ? id : null;
  }

  /** The body as read (within its size limit) by {@link RequestLimitsFilter}, or empty. */
  public static byte[] body(HttpServletRequest request) {
    return request.getAttribute(BODY) instanceof byte[] body ? body : new byte[0];
  }
}
