package io.userevents.consumer.health;

import io.userevents.consumer.listener.SystemicFailures;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * In readiness: UP when every listener container runs and none is held; DOWN when one stopped (for
 * example after a fatal error), none is registered, or consumption is held for a systemic failure
 * (with the reason, its cause, since when, and how many consumers).
 */
@Component("kafkaListenersHealthIndicator")
class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

  private final KafkaListenerEndpointRegistry registry;
  private final SystemicFailures systemicFailures;

  ListenerContainersHealthIndicator(
      KafkaListenerEndpointRegistry registry, SystemicFailures systemicFailures) {
    super("Listener container health check failed");
    this.registry = registry;
    this.systemicFailures = systemicFailures;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Collection<MessageListenerContainer> containers = registry.getListenerContainers();
    boolean healthy = !containers.isEmpty();
    Map<String, Object> details = new LinkedHashMap<>();
    for (MessageListenerContainer container : containers) {
      boolean running = container.isRunning() && container.isInExpectedState();
      healthy &= running;
      details.put(
          container.getListenerId() == null ? "unnamed" : container.getListenerId(),
          Map.of(
              "running",
              running,
              "paused",
              container.isContainerPaused(),
              "assignedPartitions",
              container.getAssignedPartitions() == null
                  ? 0
                  : container.getAssignedPartitions().size()));
    }
    SystemicFailures.Hold hold = systemicFailures.current();
    if (hold != null) {
      healthy = false;
      details.put(
          "held",
          Map.of(
              "reason", hold.reason(),
              "cause", hold.cause(),
              "since", hold.since().toString(),
              "consumers", hold.consumers()));
    }
    (healthy ? builder.up() : builder.down()).withDetails(details);
  }
}
