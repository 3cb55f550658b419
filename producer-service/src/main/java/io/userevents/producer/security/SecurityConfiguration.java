package io.userevents.producer.security;

import io.userevents.producer.problem.ProblemResponseWriter;
import io.userevents.producer.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The write endpoints need a bearer JWT with scope {@value #WRITE_SCOPE} when a JWT decoder is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code
 * public-key-location} or {@code jwk-set-uri}); without one the service is open and says so loudly
 * at start-up. Everything else (API docs, health on the management port) is public. Refusals are
 * problems like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String WRITE_SCOPE = "events:write";

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ObjectProvider<JwtDecoder> jwtDecoder,
      ProblemResponseWriter problems,
      Environment environment)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (jwtDecoder.getIfAvailable() == null) {
      log.warn(
          "*** SECURITY IS OFF *** No JWT issuer, public key or JWK set is configured"
              + " (spring.security.oauth2.resourceserver.jwt.*): every write endpoint of"
              + " producer-service is OPEN to anyone who can reach port {}. Configure a JWT"
              + " issuer before exposing this service.",
          environment.getProperty("server.port", "8090"));
      http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
      return http.build();
    }
    String authority = "SCOPE_" + WRITE_SCOPE;
    AuthenticationEntryPoint entryPoint = new ProblemEntryPoint(problems);
    AccessDeniedHandler denied = new ProblemAccessDenied(problems);
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(HttpMethod.POST, "/api/**")
                    .hasAuthority(authority)
                    .requestMatchers(HttpMethod.PUT, "/api/**")
                    .hasAuthority(authority)
                    .requestMatchers(HttpMethod.PATCH, "/api/**")
                    .hasAuthority(authority)
                    .requestMatchers(HttpMethod.DELETE, "/api/**")
                    .hasAuthority(authority)
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
    log.info("Write endpoints require a bearer JWT with scope {}", WRITE_SCOPE);
    return http.build();
  }

  /**
   * No Spring Security observations: with them every filter of the chain runs inside its own
   * observation wrapper on every request, which the benchmark profile showed as a large share of
   * the CPU of {@code POST /api/users}. Disabling them by name ({@code
   * management.observations.enable.spring.security}) still left the wrappers in place; without this
   * bean they are not installed at all. {@code http.server.requests} is unaffected.
   */
  @Bean
  static SecurityObservationSettings noSpringSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Requests the firewall refuses (encoded slashes, odd methods...) are 400 problems too. */
  @Bean
  RequestRejectedHandler problemRequestRejectedHandler(ProblemResponseWriter problems) {
    return (request, response, e) ->
        problems.write(
            response,
            ProblemTypes.problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.BAD_REQUEST,
                "Request rejected",
                "The request URL or method is not acceptable"));
  }

  /** 401 as a problem, keeping the {@code WWW-Authenticate} header the bearer scheme asks for. */
  private static final class ProblemEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer =
        new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponseWriter problems;

    ProblemEntryPoint(ProblemResponseWriter problems) {
      this.problems = problems;
    }

    @Override
    public void commence(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
      bearer.commence(request, response, e);
      problems.write(
          response,
          ProblemTypes.problem(
              HttpStatus.UNAUTHORIZED,
              ProblemTypes.UNAUTHORIZED,
              "Unauthorized",
              "A valid bearer token is required"));
    }
  }

  /** 403 as a problem, keeping the {@code WWW-Authenticate} header the bearer scheme asks for. */
  private static final class ProblemAccessDenied implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
    private final ProblemResponseWriter problems;

    ProblemAccessDenied(ProblemResponseWriter problems) {
      this.problems = problems;
    }

    @Override
    public void handle(
        HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
        throws IOException {
      bearer.handle(request, response, e);
      problems.write(
          response,
          ProblemTypes.problem(
              HttpStatus.FORBIDDEN,
              ProblemTypes.FORBIDDEN,
              "Forbidden",
              "The token lacks the scope " + WRITE_SCOPE));
    }
  }
}
