package io.userevents.consumer.api;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code traceId} (the trace of the request, sampled or not) to every problem the read API's
 * exception handlers write; the security handlers add it themselves.
 */
@ControllerAdvice
class ProblemTraceId implements ResponseBodyAdvice<Object> {

  private final Tracer tracer;

  ProblemTraceId(Tracer tracer) {
    this.tracer = tracer;
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

  private static void addTo(ProblemDetail problem, Tracer tracer) {
    Span span = tracer.currentSpan();
    if (span != null) {
      problem.setProperty("traceId", span.context().traceId());
    }
  }
}
