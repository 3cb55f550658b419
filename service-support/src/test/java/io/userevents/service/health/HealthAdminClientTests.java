package io.userevents.service.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** The health checks' admin client against a cluster that cannot be reached. */
class HealthAdminClientTests {

  @Test
  void aClusterThatCannotBeReachedDoesNotFloodTheLogWithRebootstraps() throws Exception {
    assertThat(rebootstrapLinesDuringAFailedCheck(Map.of())).isZero();
  }

  /** Kafka's default, set explicitly: the operator's choice wins, and it is what flooded. */
  @Test
  void anExplicitRebootstrapStrategyIsKept() throws Exception {
    assertThat(
            rebootstrapLinesDuringAFailedCheck(
                Map.of(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "rebootstrap")))
        .isPositive();
  }

  /** Log lines saying "Rebootstrapping" while one 2-second check fails. */
  private static long rebootstrapLinesDuringAFailedCheck(Map<String, Object> settings)
      throws Exception {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
    logs.start();
    kafka.addAppender(logs);
    try (HealthAdminClient client =
        new HealthAdminClient(new KafkaAdmin(config), Duration.ofSeconds(2), "health-test")) {
      assertThatThrownBy(() -> client.get().describeCluster().clusterId().get(10, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(TimeoutException.class);
    } finally {
      kafka.detachAppender(logs);
    }
    return logs.list.stream()
        .filter(event -> event.getFormattedMessage().contains("Rebootstrapping"))
        .count();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
