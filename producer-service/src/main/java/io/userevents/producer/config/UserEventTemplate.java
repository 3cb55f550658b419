package io.userevents.producer.config;

import io.userevents.model.UserEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The service's template, observed: each send is a producer span whose context goes into the
 * record's {@code traceparent} header (spring-kafka replaces any header of that name, so there is
 * exactly one). The span names the cluster by the id the producer's own metadata reported ({@link
 * ClusterIdInterceptor}), and names none until there was such a report. Spring Kafka's own {@link
 * KafkaTemplate#clusterId()} would instead ask the cluster with a new admin client on the request
 * thread, under a lock every concurrent send waits on, and ask again on every send while the
 * cluster cannot be reached: with an unreachable broker each such ask took a minute (the admin's
 * operation timeout, then closing the admin waits for its pending call) and logged an error, far
 * beyond the send timeout. Failed sends are logged by {@code EventPublisher} alone.
 */
public final class UserEventTemplate extends KafkaTemplate<String, UserEvent> {

  private final AtomicReference<@Nullable String> clusterId;

  UserEventTemplate(
      ProducerFactory<String, UserEvent> producerFactory,
      AtomicReference<@Nullable String> clusterId) {
    super(producerFactory);
    this.clusterId = clusterId;
    setObservationEnabled(true);
    // EventPublisher logs every outcome once, in one line; Spring's default LoggingProducerListener
    // would add an ERROR with a stack trace for each failed send (a flood during a broker outage).
    // No listener (null) is the template's own "nothing to call", checked before each callback.
    setProducerListener(null);
  }

  /**
   * The id of the cluster as the producer's metadata last reported it; never blocks.
   *
   * @return the id, or null while the producer has had no metadata yet
   */
  @Override
  public @Nullable String clusterId() {
    return clusterId.get();
  }
}
