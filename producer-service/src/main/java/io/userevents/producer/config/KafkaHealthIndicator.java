package io.userevents.producer.config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka in the readiness group: UP with the cluster id and broker count that {@code
 * describeCluster} reports, DOWN when the cluster does not answer in time.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    super("Kafka health check failed");
    Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "producer-service-health");
    this.admin = Admin.create(config);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Collection<Node> nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    builder.up().withDetail("clusterId", clusterId).withDetail("brokerCount", nodes.size());
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}
