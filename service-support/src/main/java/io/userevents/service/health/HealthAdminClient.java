package io.userevents.service.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The admin client of a health check: created on first use from the application's {@link
 * KafkaAdmin} settings, with request and API timeouts no longer than the check's own ({@code
 * userevents.health.kafka.timeout}), its own client id, and no rebootstrapping (see {@link
 * #get()}). Public so that a service's own checks (consumer-service's group check) get the same
 * timeouts.
 */
public final class HealthAdminClient implements AutoCloseable {

  private final KafkaAdmin kafkaAdmin;
  private final Duration timeout;
  private final String clientId;
  private @Nullable Admin admin;

  public HealthAdminClient(KafkaAdmin kafkaAdmin, Duration timeout, String clientId) {
    this.kafkaAdmin = kafkaAdmin;
    this.timeout = timeout;
    this.clientId = clientId;
  }

  public Duration timeout() {
    return timeout;
  }

  public synchronized Admin get() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
      int millis = (int) timeout.toMillis();
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
      config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
      // With Kafka 4's default (rebootstrap), an admin client that cannot reach any broker logs
      // "Rebootstrapping with ..." in a tight loop: about 850 INFO lines a second, for as long as
      // the cluster is down. Without it the client retries the bootstrap servers with its
      // reconnect back-off, which is all a health check needs. An explicit setting wins.
      config.putIfAbsent(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
      admin = Admin.create(config);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }
}
