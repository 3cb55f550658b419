package io.userevents.admin.cluster;

import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;

/**
 * Partition health of the whole cluster as Prometheus gauges, for {@code kafka-admin lag --serve}:
 * the same counts as {@code kafka-admin cluster health}, so that under-min-ISR and offline
 * partitions can alert without a JMX exporter on the brokers.
 */
public final class ClusterGauges {

  private ClusterGauges() {}

  /** Reads the cluster once (4 admin requests) and renders the gauges. */
  public static String prometheus(Admin admin, Duration timeout) {
    ClusterHealth health = new ClusterHealthService(admin, timeout).check(0);
    StringBuilder text = new StringBuilder();
    gauge(text, "brokers", "Brokers the cluster reports.", health.brokers().size());
    gauge(text, "partitions", "Partitions, internal topics included.", health.partitions());
    gauge(
        text,
        "under_replicated_partitions",
        "Partitions whose in-sync replicas are fewer than their replicas.",
        health.underReplicated());
    gauge(
        text,
        "under_min_isr_partitions",
        "Partitions with fewer in-sync replicas than min.insync.replicas: acks=all writes fail.",
        health.underMinIsr());
    gauge(text, "offline_partitions", "Partitions without a leader.", health.offline());
    return text.toString();
  }

  private static void gauge(StringBuilder text, String suffix, String help, int value) {
    String name = "kafka_admin_cluster_" + suffix;
    text.append(
        String.format(
            Locale.ROOT, "# HELP %s %s%n# TYPE %s gauge%n%s %d%n", name, help, name, name, value));
  }
}
