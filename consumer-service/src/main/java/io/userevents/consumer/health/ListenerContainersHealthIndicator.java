package io.userevents.consumer.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * UP when every listener container runs; DOWN when one stopped (for example after a fatal error) or
 * none is registered.
 */
@Component("kafkaListenersHealthIndicator")
class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

  private final KafkaListenerEndpointRegistry registry;

  ListenerContainersHealthIndicator(KafkaListenerEndpointRegistry registry) {
    super("Listener container health check failed");
    this.registry = registry;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Collection<MessageListenerContainer> containers = registry.getListenerContainers();
    boolean allRunning = !containers.isEmpty();
    Map<String, Object> details = new LinkedHashMap<>();
    for (MessageListenerContainer container : containers) {
      boolean running = container.isRunning() && container.isInExpectedState();
      allRunning &= running;
      details.put(
          container.getListenerId() == null ? "unnamed" : container.getListenerId(),
          Map.of(
              "running",
              running,
              "assignedPartitions",
              container.getAssignedPartitions() == null
                  ? 0
                  : container.getAssignedPartitions().size()));
    }
    (allRunning ? builder.up() : builder.down()).withDetails(details);
  }
}
