package io.userevents.consumer.security;

import io.userevents.service.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What consumer-service contributes to the shared API security (service-support): every request to
 * {@code /api/**} needs scope {@value #READ_SCOPE}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String READ_SCOPE = "users:read";

  @Bean
  ApiAccessRules apiAccessRules() {
    return ApiAccessRules.of(ApiAccessRules.require(READ_SCOPE, null, "/api/**"));
  }
}
