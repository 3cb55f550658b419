package io.userevents.producer.config;

import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventSerializer;
import io.userevents.service.health.RequiredTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer of {@code UserEvent} records. Whatever {@code spring.kafka.producer.*} says, records
 * are written with acks=all and idempotence on, keys as strings and values with the events-model
 * serializer (CloudEvents headers, no type headers).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class KafkaProducerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KafkaProducerConfiguration.class);

  /** Written by the producers' {@link ClusterIdInterceptor}, read by {@link UserEventTemplate}. */
  private final AtomicReference<@Nullable String> clusterId = new AtomicReference<>();

  /**
   * Boot builds the producer factory from {@code spring.kafka.*} (connection details, SSL bundles,
   * Micrometer listener); this pins what the service's promises depend on, and adds the {@link
   * ClusterIdInterceptor} that tells send spans the cluster's id.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer userEventProducerSettings(IngestProperties ingest) {
    return factory -> {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, UserEventSerializer.class);
      config.put(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, ingest.cloudeventsSource());
      config.put(
          ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
          withClusterIdInterceptor(
              factory.getConfigurationProperties().get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG)));
      config.put(ClusterIdInterceptor.CLUSTER_ID_CONFIG, clusterId);
      factory.updateConfigs(config);
      // Closing the producer flushes what it holds; give it the send timeout to do so.
      factory.setPhysicalCloseTimeout((int) Math.max(1, ingest.sendTimeout().toSeconds()));
      warnWhenProducerOutlastsSendTimeout(
          factory.getConfigurationProperties(), ingest.sendTimeout());
    };
  }

  /**
   * Observed ({@link UserEventTemplate}). Boot's {@code spring.kafka.template.observation-enabled}
   * applies only to its own template.
   */
  @Bean
  @SuppressWarnings("unchecked")
  UserEventTemplate userEventTemplate(ProducerFactory<?, ?> producerFactory) {
    return new UserEventTemplate((ProducerFactory<String, UserEvent>) producerFactory, clusterId);
  }

  /** What service-support's topic check looks for, at start-up and in the {@code topics} health. */
  @Bean
  RequiredTopics userEventsRequiredTopics(IngestProperties ingest) {
    return RequiredTopics.of(ingest.topic());
  }

  /** Only with {@code userevents.topics.create=true}; otherwise topics come from kafka-admin. */
  @Bean
  @ConditionalOnBooleanProperty("userevents.topics.create")
  NewTopic userEventsTopic(IngestProperties ingest) {
    return TopicBuilder.name(ingest.topic())
        .partitions(ingest.partitions())
        .replicas(ingest.replicationFactor())
        .build();
  }

  /** The interceptors configured ({@code spring.kafka.producer.properties}), and ours. */
  private static List<Object> withClusterIdInterceptor(@Nullable Object configured) {
    List<Object> classes = new ArrayList<>();
    if (configured instanceof Collection<?> list) {
      classes.addAll(list);
    } else if (configured instanceof String names) {
      for (String name : names.split(",")) {
        if (!name.isBlank()) {
          classes.add(name.trim());
        }
      }
    } else if (configured != null) {
      classes.add(configured);
    }
    if (!classes.contains(ClusterIdInterceptor.class.getName())
        && !classes.contains(ClusterIdInterceptor.class)) {
      classes.add(ClusterIdInterceptor.class.getName());
    }
    return classes;
  }

  private static void warnWhenProducerOutlastsSendTimeout(
      Map<String, Object> config, Duration sendTimeout) {
    long maxBlock = millis(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG), 60_000);
    long delivery = millis(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), 120_000);
    if (maxBlock + delivery > sendTimeout.toMillis()) {
      log.warn(
          "max.block.ms ({}) + delivery.timeout.ms ({}) exceed userevents.ingest.send-timeout ({}):"
              + " a request answered 503 may still be written later; retries with the same"
              + " Idempotency-Key stay safe",
          maxBlock,
          delivery,
          sendTimeout);
    }
  }

  private static long millis(@Nullable Object value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
