package io.userevents.service.health;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
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

  private final HealthAdminClient admin;

  public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout, String clientId) {
    super("Kafka health check failed");
    this.admin = new HealthAdminClient(kafkaAdmin, timeout, clientId);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int millis = (int) admin.timeout().toMillis();
    DescribeClusterResult cluster =
        admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(millis));
    String clusterId = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
    Collection<Node> nodes = cluster.nodes().get(millis, TimeUnit.MILLISECONDS);
    builder.up().withDetail("clusterId", clusterId).withDetail("brokerCount", nodes.size());
  }

  @Override
  public void destroy() {
    admin.close();
  }
}
