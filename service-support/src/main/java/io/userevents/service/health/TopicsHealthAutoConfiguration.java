package io.userevents.service.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Registers {@code topics} as a health contributor, and its start-up check, wherever a {@link
 * KafkaAdmin} and the service's {@link RequiredTopics} exist. The admin client has the timeouts of
 * the Kafka health check ({@code userevents.health.kafka.timeout}).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean({KafkaAdmin.class, RequiredTopics.class})
@EnableConfigurationProperties({KafkaHealthProperties.class, TopicsProperties.class})
public class TopicsHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "topicsHealthIndicator")
  TopicsHealthIndicator topicsHealthIndicator(
      KafkaAdmin kafkaAdmin,
      RequiredTopics topics,
      KafkaHealthProperties properties,
      Environment environment) {
    String application = environment.getProperty("spring.application.name", "userevents");
    return new TopicsHealthIndicator(
        new HealthAdminClient(kafkaAdmin, properties.timeout(), application + "-topics"),
        topics.names());
  }
}
