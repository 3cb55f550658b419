package io.userevents.producer.ingest;

import io.userevents.model.EventType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts single-event requests that reached {@link UserController} and were refused with a 4xx
 * (validation, malformed body, idempotency conflict) as {@code outcome=rejected}.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequestsInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private final IngestMetrics metrics;

  RejectedRequestsInterceptor(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/users", "/api/users/**");
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception ex) {
    int status = response.getStatus();
    if (handler instanceof HandlerMethod method
        && method.getBeanType() == UserController.class
        && status >= 400
        && status < 500) {
      EventType type =
          switch (request.getMethod()) {
            case "POST" -> EventType.USER_CREATED;
            case "PUT" -> EventType.USER_UPDATED;
            case "DELETE" -> EventType.USER_DELETED;
            default -> null;
          };
      if (type != null) {
        metrics.rejected(type);
      }
    }
  }
}
