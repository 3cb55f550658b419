package io.userevents.service.health;

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
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka: UP with the {@code clusterId} and {@code brokerCount} that {@code describeCluster}
 * reports, DOWN when the cluster does not answer within the timeout. The admin client is created on
 * the first check, with request and API timeouts no longer than the check's own.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final KafkaAdmin kafkaAdmin;
  private final Duration timeout;
  private final String clientId;
  private @Nullable Admin admin;

  public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout, String clientId) {
    super("Kafka health check failed");
    this.kafkaAdmin = kafkaAdmin;
    this.timeout = timeout;
    this.clientId = clientId;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int millis = (int) timeout.toMillis();
    DescribeClusterResult cluster =
        admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis));
    String clusterId = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
    Collection<Node> nodes = cluster.nodes().get(millis, TimeUnit.MILLISECONDS);
    builder.up().withDetail("clusterId", clusterId).withDetail("brokerCount", nodes.size());
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
      int millis = (int) timeout.toMillis();
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
      config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
      admin = Admin.create(config);
    }
    return admin;
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }
}
