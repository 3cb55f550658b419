package io.userevents.consumer.database;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link DatabaseTimeouts}; the settings are bound for documentation and validation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseTimeoutSettings.class)
class DatabaseConfiguration {

  @Bean
  static DatabaseTimeouts databaseTimeouts() {
    return new DatabaseTimeouts();
  }
}
