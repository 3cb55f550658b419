package io.userevents.producer.problem;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code traceId} (the trace of the request, sampled or not) to every problem Spring MVC
 * writes: those of the exception handlers and of the error controller. {@link
 * ProblemResponseWriter} does the same for problems written by filters.
 */
@ControllerAdvice
class ProblemTraceId implements ResponseBodyAdvice<Object> {

  static final String PROPERTY = "traceId";

  private final Tracer tracer;

  ProblemTraceId(ObjectProvider<Tracer> tracer) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
  }

  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public @Nullable Object beforeBodyWrite(
      @Nullable Object body,
      MethodParameter returnType,
      MediaType selectedContentType,
      Class<? extends HttpMessageConverter<?>> selectedConverterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      addTo(problem, tracer);
    }
    return body;
  }

  /** Sets the problem's {@code traceId} when a span is current. */
  static void addTo(ProblemDetail problem, Tracer tracer) {
    Span span = tracer.currentSpan();
    if (span != null && !span.context().traceId().isEmpty()) {
      problem.setProperty(PROPERTY, span.context().traceId());
    }
  }
}
