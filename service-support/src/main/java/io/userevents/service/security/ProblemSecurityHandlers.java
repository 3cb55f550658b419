package io.userevents.service.security;

import io.userevents.service.problem.ProblemResponseWriter;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problems, keeping the {@code WWW-Authenticate} header that RFC 6750 asks for. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
  private final ProblemResponseWriter problems;
  private final ApiAccessRules rules;

  ProblemSecurityHandlers(ProblemResponseWriter problems, ApiAccessRules rules) {
    this.problems = problems;
    this.rules = rules;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    bearer.commence(request, response, e);
    problems.write(
        response, Problems.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required."));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    bearerDenied.handle(request, response, e);
    ApiAccessRules.Rule rule = rules.match(request);
    problems.write(
        response,
        Problems.of(
            ProblemType.FORBIDDEN,
            rule == null
                ? "The token does not allow this request."
                : "The token lacks the scope " + rule.scope() + "."));
  }
}
