package io.userevents.producer.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.fault.IngestLoad.Attempt;
import io.userevents.producer.support.TopicReader;
import io.userevents.service.problem.ProblemProperties;
import io.userevents.testsupport.kafka.MultiBrokerCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault 2 of issue 8: in a cluster of three brokers, with the topic created by the service at
 * replication factor 3 and {@code min.insync.replicas} 2, the leader of one partition is stopped
 * while concurrent clients write. No acknowledged event is lost, and the test reports the error
 * rate and the failover time. The broker stops without a controlled shutdown, so the cluster learns
 * of it only when its session times out, as after a crash.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.ingest.replication-factor=3",
      "userevents.security.mode=open",
      "userevents.security.rate-limit.enabled=false"
    })
@DirtiesContext
class LeaderFailoverIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int PARTITION = 0;
  private static final int ACKS_ON_PARTITION = 150;

  private static MultiBrokerCluster cluster;

  @Autowired IngestProperties properties;
  @Autowired ProblemProperties problems;

  @LocalServerPort int port;

  @BeforeAll
  static void startCluster() {
    // Controlled shutdown off: a stopped broker fails the way a crashed one does.
    cluster =
        MultiBrokerCluster.start(
            3, Map.of("controlled.shutdown.enable", "false", "min.insync.replicas", "2"));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> cluster.bootstrapServers());
  }

  @Test
  void noAcknowledgedEventIsLostWhenThePartitionLeaderFailsUnderLoad() throws Exception {
    List<Attempt> attempts;
    long stopping;
    long stopped;
    int leader;
    TopicPartitionInfo after;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(partitions(admin))
                      .hasSize(3)
                      .allSatisfy(
                          p -> {
                            assertThat(p.replicas()).hasSize(3);
                            assertThat(p.isr()).hasSize(3);
                          }));
      assertThat(minInsyncReplicas(admin)).isEqualTo("2");
      leader = partitions(admin).get(PARTITION).leader().id();

      try (IngestLoad load = IngestLoad.start(port, 3, 1, 10, 5_000)) {
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    load.count(LeaderFailoverIntegrationTests::ackedOnPartition)
                        >= ACKS_ON_PARTITION);

        stopping = System.nanoTime();
        cluster.stopBroker(leader);
        stopped = System.nanoTime();
        await()
            .atMost(PATIENCE.multipliedBy(2))
            .until(
                () ->
                    load.count(a -> ackedOnPartition(a) && a.startedNanos() > stopped)
                        >= ACKS_ON_PARTITION);
        attempts = load.stop();
      }
      after = partitions(admin).get(PARTITION);
    }

    DeliveryReport report =
        DeliveryReport.of(
            attempts, new TopicReader(cluster.bootstrapServers(), properties.topic()).all());
    long firstAckAfterStop =
        attempts.stream()
            .filter(a -> ackedOnPartition(a) && a.startedNanos() > stopped)
            .mapToLong(Attempt::answeredNanos)
            .min()
            .orElseThrow();
    List<Attempt> duringFailover =
        attempts.stream().filter(a -> a.overlaps(stopping, firstAckAfterStop)).toList();
    long failedDuringFailover = duringFailover.stream().filter(a -> !a.acknowledged()).count();
    System.out.printf(
        "Leader failover (broker %d, leader of %s-%d, stopped under load): %s%n"
            + "  failover %d ms (stop call to the first ack on partition %d of a request sent"
            + " after the broker was down; stopping it took %d ms),"
            + " longest gap between acks on the partition %d ms; during failover %d of %d events"
            + " not acknowledged; new leader %d, ISR %s%n",
        leader,
        properties.topic(),
        PARTITION,
        report.summary(),
        millis(firstAckAfterStop - stopping),
        PARTITION,
        millis(stopped - stopping),
        millis(longestAckGap(attempts)),
        failedDuringFailover,
        duringFailover.size(),
        after.leader() == null ? -1 : after.leader().id(),
        after.isr().stream().map(Node::id).toList());

    assertThat(report.lost()).as("acknowledged events missing from the topic").isZero();
    assertThat(report.found()).isEqualTo(report.acknowledged());
    assertThat(report.duplicated()).as("acknowledged events in the topic twice").isZero();
    assertThat(report.usersInSequence()).isPositive();
    assertThat(report.outOfOrder()).as("users whose events are out of order").isZero();
    assertThat(report.noAnswer()).as("requests without an HTTP answer").isZero();
    assertThat(report.otherStatus()).as("answers other than 201 and 503").isZero();
    assertThat(after.leader()).isNotNull();
    assertThat(after.leader().id()).isNotEqualTo(leader);
    assertThat(after.isr()).hasSize(2).extracting(Node::id).doesNotContain(leader);
    assertThat(attempts)
        .filteredOn(Attempt::unavailable)
        .allSatisfy(
            a -> assertThat(a.retryAfter()).isEqualTo(Long.toString(problems.retryAfterSeconds())));
  }

  private List<TopicPartitionInfo> partitions(Admin admin)
      throws InterruptedException, ExecutionException {
    return admin
        .describeTopics(List.of(properties.topic()))
        .allTopicNames()
        .get()
        .get(properties.topic())
        .partitions();
  }

  private String minInsyncReplicas(Admin admin) throws InterruptedException, ExecutionException {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, properties.topic());
    Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
    return config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
  }

  private static boolean ackedOnPartition(Attempt attempt) {
    return attempt.acknowledged()
        && attempt.partition() != null
        && attempt.partition() == PARTITION;
  }

  /** The longest time between two consecutive acknowledgements on the partition. */
  private static long longestAckGap(List<Attempt> attempts) {
    long[] answered =
        attempts.stream()
            .filter(LeaderFailoverIntegrationTests::ackedOnPartition)
            .mapToLong(Attempt::answeredNanos)
            .sorted()
            .toArray();
    long longest = 0;
    for (int i = 1; i < answered.length; i++) {
      longest = Math.max(longest, answered[i] - answered[i - 1]);
    }
    return longest;
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
