package io.userevents.producer.security;

import io.userevents.service.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What producer-service contributes to the shared API security (service-support): every write to
 * {@code /api/**} needs scope {@value #WRITE_SCOPE}; reads (API docs) are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String WRITE_SCOPE = "events:write";

  @Bean
  ApiAccessRules apiAccessRules() {
    return ApiAccessRules.of(
        ApiAccessRules.require(WRITE_SCOPE, HttpMethod.POST, "/api/**"),
        ApiAccessRules.require(WRITE_SCOPE, HttpMethod.PUT, "/api/**"),
        ApiAccessRules.require(WRITE_SCOPE, HttpMethod.PATCH, "/api/**"),
        ApiAccessRules.require(WRITE_SCOPE, HttpMethod.DELETE, "/api/**"));
  }
}
