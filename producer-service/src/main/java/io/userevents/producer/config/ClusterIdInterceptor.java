package io.userevents.producer.config;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
import org.jspecify.annotations.Nullable;

/**
 * Learns the id of the cluster from the producer's own metadata: Kafka calls {@link
 * #onUpdate(ClusterResource)} on the producer's I/O thread whenever a metadata response arrives
 * (the warm-up's, and later ones), so the id that {@link UserEventTemplate}'s send spans name costs
 * no request of its own. Records pass through untouched. Kafka creates it from {@code
 * interceptor.classes}; the reference it writes the id into comes in the producer's configuration
 * under {@link #CLUSTER_ID_CONFIG}.
 */
public final class ClusterIdInterceptor
    implements ProducerInterceptor<Object, Object>, ClusterResourceListener {

  /** Producer configuration entry: the {@code AtomicReference<String>} the id goes into. */
  static final String CLUSTER_ID_CONFIG = "userevents.cluster-id";

  private @Nullable AtomicReference<@Nullable String> clusterId;

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    clusterId = (AtomicReference<@Nullable String>) configs.get(CLUSTER_ID_CONFIG);
  }

  @Override
  public void onUpdate(ClusterResource cluster) {
    String id = cluster.clusterId();
    if (clusterId != null && id != null) {
      clusterId.set(id);
    }
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {}

  @Override
  public void close() {}
}
