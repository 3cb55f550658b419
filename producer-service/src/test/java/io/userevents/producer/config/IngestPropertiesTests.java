package io.userevents.producer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IngestProperties.class)
  static class Binding {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Binding.class);

  @Test
  void bindsTheDocumentedDefaults() {
    runner.run(
        context -> {
          IngestProperties properties = context.getBean(IngestProperties.class);
          assertThat(properties.topic()).isEqualTo("user-events");
          assertThat(properties.partitions()).isEqualTo(3);
          assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.idempotency().window()).isEqualTo(Duration.ofHours(1));
          assertThat(properties.limits().bulkMaxItems()).isEqualTo(1000);
          assertThat(properties.limits().maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
          assertThat(properties.limits().bulkMaxBodySize()).isEqualTo(DataSize.ofMegabytes(4));
          assertThat(properties.limits().maxMetadataSize()).isEqualTo(8192);
        });
  }

  @Test
  void bindsOverrides() {
    runner
        .withPropertyValues(
            "userevents.ingest.topic=events-v2",
            "userevents.ingest.limits.bulk-max-items=10",
            "userevents.ingest.limits.max-body-size=1MB")
        .run(
            context -> {
              IngestProperties properties = context.getBean(IngestProperties.class);
              assertThat(properties.topic()).isEqualTo("events-v2");
              assertThat(properties.limits().bulkMaxItems()).isEqualTo(10);
              assertThat(properties.limits().maxBodyBytes()).isEqualTo(1024 * 1024);
            });
  }

  @Test
  void refusesToStartWithValuesOutsideTheirBounds() {
    runner
        .withPropertyValues(
            "userevents.ingest.partitions=0",
            "userevents.ingest.limits.max-metadata-size=100000",
            "userevents.ingest.send-timeout=0s")
        .run(context -> assertThat(context).hasFailed());
  }
}
