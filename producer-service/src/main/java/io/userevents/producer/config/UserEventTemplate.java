package io.userevents.producer.config;

import io.userevents.model.UserEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The service's template, observed: each send is a producer span whose context goes into the
 * record's {@code traceparent} header (spring-kafka replaces any header of that name, so there is
 * exactly one). Spring Kafka names the cluster in every send span and fetches its id with an admin
 * client of its own on the first send, which every concurrent send waits for (half a second on a
 * cold two-core machine); {@link #fetchClusterId()} lets start-up pay for it instead.
 */
public final class UserEventTemplate extends KafkaTemplate<String, UserEvent> {

  UserEventTemplate(ProducerFactory<String, UserEvent> producerFactory) {
    super(producerFactory);
    setObservationEnabled(true);
  }

  /**
   * Fetches the id of the cluster that send spans name, unless known already.
   *
   * @return the id, or null while the cluster cannot be reached (the next send tries again)
   */
  public @Nullable String fetchClusterId() {
    return clusterId();
  }
}
