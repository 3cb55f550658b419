package io.userevents.consumer.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as {@code application/problem+json}, keeping the {@code WWW-Authenticate} header that
 * RFC 6750 asks for.
 */
final class ProblemResponses {

  private ProblemResponses() {}

  static AuthenticationEntryPoint unauthorized() {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return (request, response, exception) -> {
      bearer.commence(request, response, exception);
      write(
          response,
          401,
          "https://userevents.io/problems/unauthorized",
          "Unauthorized",
          "A valid bearer token is required.");
    };
  }

  static AccessDeniedHandler forbidden() {
    BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
    return (request, response, exception) -> {
      bearer.handle(request, response, exception);
      write(
          response,
          403,
          "https://userevents.io/problems/forbidden",
          "Forbidden",
          "The token lacks the scope " + SecurityConfiguration.READ_SCOPE + ".");
    };
  }

  private static void write(
      HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // The trace id is hex when present (put in the MDC by the tracing scope of the request).
    String traceId = MDC.get("traceId");
    response
        .getWriter()
        .write(
            "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"%s}"
                .formatted(
                    type,
                    title,
                    status,
                    detail,
                    traceId == null || !traceId.matches("[0-9a-f]{32}")
                        ? ""
                        : ",\"traceId\":\"" + traceId + "\""));
  }
}
