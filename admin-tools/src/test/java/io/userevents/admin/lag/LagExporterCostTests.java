package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cluster.ClusterGauges;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.Records;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The cost of one exporter round for one group on 1,000 partitions, counted with the clients' own
 * {@code request-total} metrics. admin-tools/README.md quotes the numbers this test prints. A
 * measurement, not part of every build (creating 1,000 partitions takes minutes on a busy 2-core
 * machine): {@code KAFKA_ADMIN_COST_TEST=true ./mvnw -pl admin-tools -am verify
 * -Dtest=LagExporterCostTests -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfEnvironmentVariable(named = "KAFKA_ADMIN_COST_TEST", matches = "true")
class LagExporterCostTests {

  private static final int PARTITIONS = 1_000;

  @Test
  void aRoundCostsAFewAdminRequestsAndReadsEachLaggingPartitionOnlyWhenItsOffsetMoved() {
    String bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    String topic = EmbeddedClusters.unique("cost");
    String group = EmbeddedClusters.unique("cost-group");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), topic, PARTITIONS);
    Map<TopicPartition, Long> committed = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = Records.producer(bootstrap)) {
      for (int p = 0; p < PARTITIONS; p++) {
        producer.send(new ProducerRecord<>(topic, p, Records.bytes("k"), Records.bytes("v")));
        committed.put(new TopicPartition(topic, p), 0L);
      }
      producer.flush();
    }
    Records.commit(bootstrap, group, committed);
    Duration timeout = Duration.ofSeconds(60);
    ClientSettings settings = ClientSettings.of(bootstrap, timeout);
    try (Admin admin = settings.admin();
        Consumer<byte[], byte[]> reader = settings.consumer(null)) {
      LagService service = new LagService(admin, reader, Clock.systemUTC(), timeout);

      Round first = Round.measure(service, group, admin, reader);
      Round second = Round.measure(service, group, admin, reader);
      Records.commit(bootstrap, group, Map.of(new TopicPartition(topic, 0), 1L));
      Round afterOneCommit = Round.measure(service, group, admin, reader);

      double before = Round.requests(admin.metrics(), "admin-client-metrics");
      long started = System.nanoTime();
      ClusterGauges.prometheus(admin, timeout);
      long clusterMillis = (System.nanoTime() - started) / 1_000_000;
      long clusterRequests =
          (long) (Round.requests(admin.metrics(), "admin-client-metrics") - before);

      System.out.printf(
          "lag --serve cost, 1 group, %d lagging partitions:%n first round  %s%n"
              + " same offsets %s%n one commit   %s%n cluster health %d admin requests, %d ms%n",
          PARTITIONS, first, second, afterOneCommit, clusterRequests, clusterMillis);
      assertThat(first.timestampFetches()).isEqualTo(PARTITIONS);
      assertThat(second.timestampFetches()).isZero();
      assertThat(afterOneCommit.timestampFetches()).isZero();
      assertThat(second.adminRequests()).isLessThanOrEqualTo(6);
      assertThat(second.consumerRequests()).isZero();
      assertThat(first.lagged()).isEqualTo(PARTITIONS);
      assertThat(afterOneCommit.lagged()).isEqualTo(PARTITIONS - 1);
    }
  }

  /** What one round did: requests sent by each client, partitions read, time taken. */
  record Round(
      long adminRequests, long consumerRequests, int timestampFetches, int lagged, long millis) {

    static Round measure(
        LagService service, String group, Admin admin, Consumer<byte[], byte[]> reader) {
      double admin0 = requests(admin.metrics(), "admin-client-metrics");
      double reader0 = requests(reader.metrics(), "consumer-metrics");
      long started = System.nanoTime();
      List<GroupLag> lag = service.lag(List.of(group));
      long millis = (System.nanoTime() - started) / 1_000_000;
      int lagged =
          (int)
              lag.get(0).partitions().stream()
                  .filter(p -> p.lagMillis() != null && p.lag() != null && p.lag() > 0)
                  .count();
      return new Round(
          (long) (requests(admin.metrics(), "admin-client-metrics") - admin0),
          (long) (requests(reader.metrics(), "consumer-metrics") - reader0),
          service.lastTimestampFetches(),
          lagged,
          millis);
    }

    static double requests(Map<MetricName, ? extends Metric> metrics, String group) {
      return metrics.entrySet().stream()
          .filter(e -> e.getKey().name().equals("request-total"))
          .filter(e -> e.getKey().group().equals(group))
          .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
          .sum();
    }

    @Override
    public String toString() {
      return String.format(
          "%d admin requests, %d consumer requests, %d timestamp fetches, %d ms",
          adminRequests, consumerRequests, timestampFetches, millis);
    }
  }
}
