package io.userevents.producer.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.fault.IngestLoad.Attempt;
import io.userevents.producer.support.TopicReader;
import io.userevents.service.problem.ProblemProperties;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Fault 1 of issue 8: the single broker is stopped while concurrent clients create users and send
 * bulk requests, and started again. Every acknowledged event is in the topic exactly once, every
 * request during the outage is answered 503 with Retry-After within the send timeout, and ingest
 * recovers by itself. The same context as {@code BrokerOutageIntegrationTests} (the other test that
 * stops its broker), so that the cache shares it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.security.mode=open",
      "userevents.security.rate-limit.enabled=false"
    })
@EmbeddedKafka
class BrokerRestartUnderLoadIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration MARGIN = Duration.ofSeconds(5);
  private static final int ACKS_BEFORE_AND_AFTER = 500;
  private static final int UNAVAILABLE_DURING_OUTAGE = 8;

  @Autowired EmbeddedKafkaBroker broker;

  @Autowired IngestProperties properties;
  @Autowired ProblemProperties problems;

  @LocalServerPort int port;

  @Test
  void everyAcknowledgedEventSurvivesABrokerRestartUnderLoadAndIngestRecoversByItself() {
    List<Attempt> attempts;
    long stopping;
    long restarting;
    long restarted;
    try (IngestLoad load = IngestLoad.start(port, 3, 1, 10, 5_000)) {
      await()
          .atMost(PATIENCE)
          .until(() -> load.count(Attempt::acknowledged) >= ACKS_BEFORE_AND_AFTER);

      stopping = System.nanoTime();
      try {
        broker().shutdown();
        broker().awaitShutdown();
        long stopped = System.nanoTime();
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    load.count(a -> a.unavailable() && a.startedNanos() > stopped)
                        >= UNAVAILABLE_DURING_OUTAGE);
      } finally {
        restarting = System.nanoTime();
        broker().startup();
      }
      restarted = System.nanoTime();
      long back = restarted;
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  load.count(a -> a.acknowledged() && a.startedNanos() > back)
                      >= ACKS_BEFORE_AND_AFTER);
      attempts = load.stop();
    }

    DeliveryReport report =
        DeliveryReport.of(
            attempts, new TopicReader(broker.getBrokersAsString(), properties.topic()).all());
    List<Attempt> duringOutage =
        attempts.stream().filter(a -> a.overlaps(stopping, restarted)).toList();
    Duration slowestDuringOutage = slowest(duringOutage);
    long firstAckAfterRestart =
        attempts.stream()
            .filter(a -> a.acknowledged() && a.startedNanos() > restarted)
            .mapToLong(Attempt::answeredNanos)
            .min()
            .orElseThrow();
    System.out.printf(
        "Broker restart under load: %s%n  outage %d ms (stop to restart call), first ack %d ms"
            + " after the broker was back; %d events in flight during the outage, %d answered 503;"
            + " slowest answer during the outage %d ms (overall %d ms, send timeout %d ms)%n",
        report.summary(),
        millis(restarting - stopping),
        millis(firstAckAfterRestart - restarted),
        duringOutage.size(),
        duringOutage.stream().filter(Attempt::unavailable).count(),
        slowestDuringOutage.toMillis(),
        slowest(attempts).toMillis(),
        properties.sendTimeout().toMillis());

    assertThat(report.lost()).as("acknowledged events missing from the topic").isZero();
    assertThat(report.found()).isEqualTo(report.acknowledged());
    assertThat(report.duplicated()).as("acknowledged events in the topic twice").isZero();
    assertThat(report.usersInSequence()).isPositive();
    assertThat(report.outOfOrder()).as("users whose events are out of order").isZero();
    assertThat(report.noAnswer()).as("requests without an HTTP answer").isZero();
    assertThat(report.otherStatus()).as("answers other than 201 and 503").isZero();
    assertThat(duringOutage)
        .filteredOn(Attempt::unavailable)
        .hasSizeGreaterThanOrEqualTo(UNAVAILABLE_DURING_OUTAGE);
    assertThat(attempts)
        .filteredOn(Attempt::unavailable)
        .allSatisfy(
            a -> {
              assertThat(a.retryAfter()).isEqualTo(Long.toString(problems.retryAfterSeconds()));
              assertThat(a.contentType())
                  .isEqualTo(a.bulk() ? "application/json" : "application/problem+json");
              assertThat(a.eventId()).isNotBlank();
            });
    assertThat(slowestDuringOutage).isLessThanOrEqualTo(properties.sendTimeout().plus(MARGIN));
  }

  private BrokerServer broker() {
    return ((EmbeddedKafkaKraftBroker) broker).getCluster().brokers().values().iterator().next();
  }

  private static Duration slowest(List<Attempt> attempts) {
    return attempts.stream()
        .map(Attempt::took)
        .max(Comparator.naturalOrder())
        .orElse(Duration.ZERO);
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
