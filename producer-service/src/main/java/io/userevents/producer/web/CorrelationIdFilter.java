package io.userevents.producer.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.userevents.producer.config.IngestProperties;
import io.userevents.service.problem.InvalidField;
import io.userevents.service.problem.ProblemResponseWriter;
import io.userevents.service.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the client's {@code X-Correlation-Id}, else the request's
 * trace id (that of its W3C {@code traceparent} when one was sent), else (tracing off) a new UUID.
 * It is echoed in {@code X-Correlation-Id}, put in the logging MDC and carried into the event. A
 * malformed {@code X-Correlation-Id} is a 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorrelationIdFilter extends OncePerRequestFilter {

  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");
  private static final Pattern TRACEPARENT =
      Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
  private static final String NO_TRACE = "0".repeat(32);

  private final IngestProperties properties;
  private final ProblemResponseWriter problems;
  private final Tracer tracer;

  CorrelationIdFilter(
      IngestProperties properties, ProblemResponseWriter problems, ObjectProvider<Tracer> tracer) {
    this.properties = properties;
    this.problems = problems;
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
  }

  /** The endpoint may run on an async dispatch (a body read without blocking): log under the id. */
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = RequestAttributes.correlationId(request);
    if (given != null) {
      withMdc(given, request, response, chain);
      return;
    }
    String sent = request.getHeader(RequestAttributes.CORRELATION_ID_HEADER);
    String correlationId;
    if (sent != null) {
      if (sent.length() > properties.limits().maxIdLength() || !PRINTABLE.matcher(sent).matches()) {
        String generated = UUID.randomUUID().toString();
        response.setHeader(RequestAttributes.CORRELATION_ID_HEADER, generated);
        problems.write(
            response,
            Problems.validation(
                List.of(
                    new InvalidField(
                        RequestAttributes.CORRELATION_ID_HEADER,
                        "must be 1 to "
                            + properties.limits().maxIdLength()
                            + " printable ASCII characters"))));
        return;
      }
      correlationId = sent;
    } else {
      // Runs inside the HTTP server observation, so the request's span is current.
      Span span = tracer.currentSpan();
      String traceId =
          span != null && !span.context().traceId().isEmpty()
              ? span.context().traceId()
              : traceId(request.getHeader("traceparent"));
      correlationId = traceId != null ? traceId : UUID.randomUUID().toString();
    }
    request.setAttribute(RequestAttributes.CORRELATION_ID, correlationId);
    response.setHeader(RequestAttributes.CORRELATION_ID_HEADER, correlationId);
    withMdc(correlationId, request, response, chain);
  }

  private static void withMdc(
      String correlationId,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws ServletException, IOException {
    MDC.put("correlationId", correlationId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("correlationId");
    }
  }

  private static @Nullable String traceId(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    var matcher = TRACEPARENT.matcher(traceparent.trim());
    if (!matcher.matches() || NO_TRACE.equals(matcher.group(1))) {
      return null;
    }
    return matcher.group(1);
  }
}
