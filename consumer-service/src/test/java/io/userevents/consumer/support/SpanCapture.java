package io.userevents.consumer.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Collects the spans the service finishes: Boot hands every {@code SpanExporter} bean to its batch
 * span processor, next to the OTLP exporter that is off in tests (no endpoint).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SpanCapture {

  @Bean
  InMemorySpanExporter spans() {
    return InMemorySpanExporter.create();
  }
}
