package io.userevents.consumer.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.consumer.ConsumerApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A separate instance of the service (no web server) with its own topic, group and database,
 * started and stopped by a test to simulate crashes and restarts.
 */
public final class ConsumerApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private ConsumerApp(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts an instance; {@code properties} win over application.yml. */
  public static ConsumerApp start(Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("spring.jmx.enabled", "false");
    all.putAll(properties);
    String[] args =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new ConsumerApp(
        new SpringApplicationBuilder(ConsumerApplication.class, FaultInjection.class)
            .web(WebApplicationType.NONE)
            .run(args));
  }

  public FaultInjectingDataSource faults() {
    return (FaultInjectingDataSource) context.getBean(DataSource.class);
  }

  /** Starts the listener containers (for instances started with auto-startup off). */
  public void startListeners() {
    context.getBean(KafkaListenerEndpointRegistry.class).start();
  }

  /** Whether each of the listener's consumers owns at least one partition. */
  public boolean everyConsumerHasPartitions(int consumers) {
    return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
        .allMatch(
            c -> {
              var assignments = c.getAssignmentsByClientId();
              return assignments != null
                  && assignments.size() == consumers
                  && assignments.values().stream().allMatch(p -> p != null && !p.isEmpty());
            });
  }

  public void pauseListeners() {
    context
        .getBean(KafkaListenerEndpointRegistry.class)
        .getListenerContainers()
        .forEach(c -> c.pause());
  }

  public boolean listenersPaused() {
    return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
        .allMatch(c -> c.isContainerPaused());
  }

  public void resumeListeners() {
    context
        .getBean(KafkaListenerEndpointRegistry.class)
        .getListenerContainers()
        .forEach(c -> c.resume());
  }

  /** Whether every listener container runs as expected (false after a fatal error). */
  public boolean listenersHealthy() {
    return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
        .allMatch(c -> c.isRunning() && c.isInExpectedState());
  }

  /** Whether a listener container (or one of its children) stopped after a fatal error. */
  public boolean anyListenerStoppedAbnormally() {
    return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
        .anyMatch(c -> !c.isInExpectedState());
  }

  /** Status and details of a health indicator, by bean name. */
  public Health health(String indicator) {
    return context.getBean(indicator, HealthIndicator.class).health();
  }

  /** Status and details of the listener containers' health indicator (part of readiness). */
  public Health listenersHealth() {
    return context.getBean("kafkaListenersHealthIndicator", HealthIndicator.class).health();
  }

  /** A detail ({@code reason}, {@code cause}) of the hold shown in readiness; null when none. */
  public @Nullable Object held(String detail) {
    Object held = listenersHealth().getDetails().get("held");
    return held instanceof Map<?, ?> map ? map.get(detail) : null;
  }

  /** Sum of {@code userevents.consumer.systemic.failures} over all reasons. */
  public double systemicFailures() {
    return context
        .getBean(MeterRegistry.class)
        .find("userevents.consumer.systemic.failures")
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** {@code userevents.consumer.systemic.failures} for one reason; 0 before the first. */
  public double systemicFailures(String reason) {
    return context
        .getBean(MeterRegistry.class)
        .find("userevents.consumer.systemic.failures")
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** The {@code userevents.consumer.paused} gauge: 1 while held for a systemic failure. */
  public double paused() {
    return context.getBean(MeterRegistry.class).get("userevents.consumer.paused").gauge().value();
  }

  /** Sum of the {@code userevents.consumer.events} counters with this outcome, all types. */
  public double total(String outcome) {
    return context
        .getBean(MeterRegistry.class)
        .find("userevents.consumer.events")
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** The count of a counter without tags; 0 when it is not registered. */
  public double counter(String name) {
    Counter counter = context.getBean(MeterRegistry.class).find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Batches processed, mean records per batch and mean milliseconds per batch. */
  public String batchStatistics() {
    MeterRegistry registry = context.getBean(MeterRegistry.class);
    var size = registry.get("userevents.consumer.batch.size").summary();
    var time = registry.get("userevents.consumer.processing").timer();
    return "batches=%d mean-size=%.0f mean-time=%.1f ms"
        .formatted(
            size.count(), size.mean(), time.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    context.close();
  }
}
