package io.userevents.service.security;

import io.userevents.service.problem.ProblemAutoConfiguration;
import io.userevents.service.problem.ProblemResponseWriter;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The one security filter chain of a service's API. The service chooses: JWT mode (a JWT issuer or
 * key is configured, and {@code userevents.security.audience}) validates issuer, audience, expiry
 * and signature and requires the scopes of the service's {@link ApiAccessRules}; open mode ({@code
 * userevents.security.mode=open}) lets everyone in and says so loudly. Without either the service
 * does not start. Refusals are problems like every other error.
 */
@AutoConfiguration(
    after = ProblemAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityAutoConfiguration {

  static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

  private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurityFilterChain(
      HttpSecurity http,
      ApiSecurityProperties properties,
      ApiAccessRules rules,
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
    SecurityMode mode = chooseMode(properties, jwtDecoder.getIfAvailable() != null, environment);
    if (properties.rateLimit().enabled()) {
      http.addFilterAfter(
          new RateLimitFilter(rules, properties.rateLimit(), problems), AuthorizationFilter.class);
    }
    if (mode == SecurityMode.OPEN) {
      warnOpen(environment);
      http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
      return http.build();
    }
    ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, rules);
    http.authorizeHttpRequests(
            auth -> {
              for (ApiAccessRules.Rule rule : rules.rules()) {
                auth.requestMatchers(rule.matcher()).hasAuthority(rule.authority());
              }
              auth.anyRequest().permitAll();
            })
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers))
        .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
    log.info(
        "Security mode jwt: issuer {}, audience {}, scopes {}",
        environment.getProperty(ISSUER_URI),
        properties.audience(),
        rules.rules().stream().map(ApiAccessRules.Rule::scope).distinct().toList());
    return http.build();
  }

  /** Tokens must name this service's audience. */
  @Bean
  @ConditionalOnProperty("userevents.security.audience")
  OAuth2TokenValidator<Jwt> userEventsAudienceValidator(ApiSecurityProperties properties) {
    String audience = properties.audience();
    return new JwtClaimValidator<List<String>>(
        JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
  }

  /** Tokens must come from the configured issuer, also when keys come from a JWK set or a file. */
  @Bean
  @ConditionalOnProperty(ISSUER_URI)
  OAuth2TokenValidator<Jwt> userEventsIssuerValidator(Environment environment) {
    return new JwtIssuerValidator(environment.getRequiredProperty(ISSUER_URI));
  }

  /** {@code /actuator/info} shows the security mode, the audience and the rate limit. */
  @Bean
  InfoContributor securityInfoContributor(
      ApiSecurityProperties properties,
      ObjectProvider<JwtDecoder> jwtDecoder,
      Environment environment) {
    return builder -> {
      Map<String, Object> security = new LinkedHashMap<>();
      SecurityMode mode = resolvedMode(properties, jwtDecoder.getIfAvailable() != null);
      security.put("mode", mode == null ? "unconfigured" : mode.name().toLowerCase());
      if (mode == SecurityMode.JWT) {
        security.put("issuer", environment.getProperty(ISSUER_URI));
        security.put("audience", properties.audience());
      }
      ApiSecurityProperties.RateLimit limit = properties.rateLimit();
      security.put(
          "rateLimit",
          limit.enabled()
              ? Map.of(
                  "capacity", limit.capacity(), "refillPeriod", limit.refillPeriod().toString())
              : "disabled");
      builder.withDetail("security", security);
    };
  }

  /**
   * No Spring Security observations: with them every filter of the chain runs inside its own
   * observation wrapper on every request, which the benchmark profile showed as a large share of
   * the CPU of {@code POST /api/users}. {@code http.server.requests} is unaffected.
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
            Problems.of(ProblemType.BAD_REQUEST, "The request URL or method is not acceptable"));
  }

  static @Nullable SecurityMode resolvedMode(
      ApiSecurityProperties properties, boolean jwtConfigured) {
    if (properties.mode() != null) {
      return properties.mode();
    }
    return jwtConfigured ? SecurityMode.JWT : null;
  }

  private static SecurityMode chooseMode(
      ApiSecurityProperties properties, boolean jwtConfigured, Environment environment) {
    SecurityMode mode = resolvedMode(properties, jwtConfigured);
    if (mode == null) {
      throw new ApiSecurityNotConfiguredException(
          "No API security is configured: userevents.security.mode is not set and no JWT issuer"
              + " or key is.");
    }
    if (mode == SecurityMode.OPEN) {
      return mode;
    }
    if (!jwtConfigured) {
      throw new ApiSecurityNotConfiguredException(
          "userevents.security.mode=jwt, but no JWT issuer or key is configured.");
    }
    if (!environment.containsProperty(ISSUER_URI)) {
      throw new ApiSecurityNotConfiguredException(
          "JWT mode validates the token issuer, but " + ISSUER_URI + " is not set.");
    }
    if (properties.audience() == null || properties.audience().isBlank()) {
      throw new ApiSecurityNotConfiguredException(
          "JWT mode validates the token audience, but userevents.security.audience is not set.");
    }
    return mode;
  }

  private static void warnOpen(Environment environment) {
    log.warn(
        "\n"
            + "************************************************************************\n"
            + "*  SECURITY MODE OPEN (userevents.security.mode=open)                  *\n"
            + "*  {} accepts every API request WITHOUT AUTHENTICATION from anyone     *\n"
            + "*  who can reach port {}. For a developer's machine only: configure    *\n"
            + "*  a JWT issuer and userevents.security.audience before exposing it.   *\n"
            + "************************************************************************",
        environment.getProperty("spring.application.name", "This service"),
        environment.getProperty("server.port", "8080"));
  }
}
