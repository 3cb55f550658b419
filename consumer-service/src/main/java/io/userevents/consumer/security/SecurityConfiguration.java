package io.userevents.consumer.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * When {@code spring.security.oauth2.resourceserver.jwt.*} is configured (Boot then provides a
 * {@link JwtDecoder}), {@code /api/**} needs a bearer JWT with scope {@value #READ_SCOPE}: 401
 * without a valid token, 403 without the scope. Otherwise everything is open and a loud warning is
 * logged at start-up. Actuator paths are open in both modes: they live on the management port,
 * which exposes only health, info and prometheus.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String READ_SCOPE = "users:read";

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoders)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
    if (jwtDecoders.getIfAvailable() == null) {
      log.warn(
          "\n**********************************************************************\n"
              + "*  SECURITY IS OFF: spring.security.oauth2.resourceserver.jwt.* is   *\n"
              + "*  not configured, so the read API /api/users is open to anyone.     *\n"
              + "*  Set issuer-uri, jwk-set-uri or public-key-location to require     *\n"
              + "*  bearer tokens with scope users:read.                              *\n"
              + "**********************************************************************");
      http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
      return http.build();
    }
    log.info("Read API requires bearer JWTs with scope {}", READ_SCOPE);
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/**")
                    .hasAuthority("SCOPE_" + READ_SCOPE)
                    .requestMatchers("/actuator/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()));
    return http.build();
  }
}
