package io.userevents.localstack;

import java.time.Duration;
import java.util.Locale;

/** What the launcher prints once everything is ready. */
final class Banner {

  private Banner() {}

  static String render(
      LocalStackSettings s, Duration startup, boolean producerSwagger, boolean consumerSwagger) {
    String producer = "http://localhost:" + s.producerPort();
    String consumer = "http://localhost:" + s.consumerPort();
    String producerUi = producerSwagger ? "Swagger UI " + producer + "/swagger-ui.html" : "";
    String consumerUi = consumerSwagger ? "Swagger UI " + consumer + "/swagger-ui.html" : "";
    return String.format(
        Locale.ROOT,
        """

        user-events local stack is ready (%.1f s)

          Kafka broker      localhost:%d   topics user-events, user-events-dlt (3 partitions each)
          producer API      %s/api/users    %s
          consumer API      %s/api/users    %s
          metrics           http://localhost:%d/actuator/prometheus   http://localhost:%d/actuator/prometheus
          health            http://localhost:%d/actuator/health       http://localhost:%d/actuator/health
          data and logs     %s

          SECURITY MODE OPEN: both APIs accept requests without a token
          (userevents.security.mode=open). Never expose these ports; see README.md, Security.

        Try it:
          curl -si -X POST %s/api/users -H 'Content-Type: application/json' \\
               -d '{"username":"ada_lovelace","email":"ada@example.com"}'
          curl -s %s/api/users/<userId from the Location header>

        Ctrl-C stops everything.

        """,
        startup.toMillis() / 1000.0,
        s.kafkaPort(),
        producer,
        producerUi,
        consumer,
        consumerUi,
        s.producerManagementPort(),
        s.consumerManagementPort(),
        s.producerManagementPort(),
        s.consumerManagementPort(),
        s.dataDir(),
        producer,
        consumer);
  }
}
