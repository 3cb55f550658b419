package io.userevents.producer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.model.kafka.UserEventSerializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What the ingest promises rest on cannot be configured away: acks=all, idempotence, String keys,
 * the events-model serializer (CloudEvents headers, no type headers) and the configured ce_source.
 * The interceptor that tells send spans the cluster's id comes on top of any configured.
 */
class ProducerSettingsTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  KafkaAutoConfiguration.class, ValidationAutoConfiguration.class))
          .withUserConfiguration(KafkaProducerConfiguration.class);

  @Test
  void pinsAcksIdempotenceAndSerializersWhateverSpringKafkaPropertiesSay() {
    runner
        .withPropertyValues(
            "spring.kafka.producer.acks=1",
            "spring.kafka.producer.properties.enable.idempotence=false",
            "spring.kafka.producer.key-serializer=" + UserEventSerializer.class.getName(),
            "spring.kafka.producer.value-serializer=" + StringSerializer.class.getName(),
            "userevents.ingest.cloudevents-source=urn:example:ingest",
            "spring.kafka.admin.auto-create=false")
        .run(
            context -> {
              Map<String, Object> config =
                  context.getBean(ProducerFactory.class).getConfigurationProperties();

              assertThat(config)
                  .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                  .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                  .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                  .containsEntry(
                      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, UserEventSerializer.class)
                  .containsEntry(
                      UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, "urn:example:ingest");
            });
  }

  @Test
  void addsTheClusterIdInterceptorToThoseConfigured() {
    runner
        .withPropertyValues(
            "spring.kafka.producer.properties.interceptor.classes=com.example.AuditInterceptor",
            "spring.kafka.admin.auto-create=false")
        .run(
            context -> {
              Map<String, Object> config =
                  context.getBean(ProducerFactory.class).getConfigurationProperties();

              assertThat(config.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG))
                  .isEqualTo(
                      List.of(
                          "com.example.AuditInterceptor", ClusterIdInterceptor.class.getName()));
              assertThat(config.get(ClusterIdInterceptor.CLUSTER_ID_CONFIG))
                  .isInstanceOf(AtomicReference.class);
            });
  }
}
