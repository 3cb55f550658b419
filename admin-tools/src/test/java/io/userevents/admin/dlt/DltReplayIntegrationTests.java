package io.userevents.admin.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.Records;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dlt replay against a real broker. The DLT holds five dead letters as Spring Kafka's
 * DeadLetterPublishingRecoverer writes them:
 *
 * <pre>
 * p0@0 u-1 EventDecodingException  -> original topic
 * p0@1 u-2 IllegalStateException   -> original topic
 * p1@0 u-3 EventDecodingException  -> original topic
 * p1@1 u-4 EventDecodingException  -> original topic, already replayed 3 times
 * p2@0 u-5 IllegalStateException   (no original-topic header)
 * </pre>
 */
class DltReplayIntegrationTests {

  private static final String DECODING = "io.userevents.model.EventDecodingException";
  private static final String ILLEGAL_STATE = "java.lang.IllegalStateException";
  // Recent, so that the broker's time-based retention (7 days) never deletes the test records.
  private static final long T0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)).toEpochMilli();

  private String bootstrap;
  private String dlt;
  private String original;

  @BeforeEach
  void givenDeadLetters() {
    bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    dlt = EmbeddedClusters.unique("dlt");
    original = EmbeddedClusters.unique("events");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), dlt, 3);
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), original, 3);
    try (KafkaProducer<byte[], byte[]> producer = Records.producer(bootstrap)) {
      producer.send(deadLetter(0, T0, "u-1", DECODING, original, null));
      producer.send(deadLetter(0, T0 + 1_000, "u-2", ILLEGAL_STATE, original, null));
      producer.send(deadLetter(1, T0 + 2_000, "u-3", DECODING, original, null));
      producer.send(deadLetter(1, T0 + 3_000, "u-4", DECODING, original, "3"));
      producer.send(deadLetter(2, T0 + 4_000, "u-5", ILLEGAL_STATE, null, null));
      producer.flush();
    }
  }

  @Test
  void dryRunListsMatchesWithAHistogramAndPublishesAndCommitsNothing() throws Exception {
    CliRun run = replay("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("Exception classes:")
        .containsPattern("3\\s+" + DECODING)
        .containsPattern("2\\s+" + ILLEGAL_STATE)
        .containsPattern("u-1\\s+" + DECODING + "\\s+0\\s+" + original + "\\s+WOULD_REPLAY")
        .contains("REFUSED: loop guard: already replayed 3 time(s)")
        .contains("REFUSED: no kafka_dlt-original-topic header; pass --to")
        .contains("scanned 5, matched 5, would replay 3, refused 2")
        .contains("Nothing was published and no progress was committed.");
    assertThat(Records.readAll(bootstrap, original, 0)).isEmpty();
    assertThat(committedOffsets()).isEmpty();
  }

  @Test
  void replaysExactlyTheFilteredRecordsOnceKeepingKeyValueAndHeaders() {
    CliRun first = replay("--exception-class", "EventDecodingException");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("scanned 5, matched 3, replayed 2, refused 1");
    assertThat(first.err()).contains("1 record(s) refused");
    List<ConsumerRecord<byte[], byte[]>> replayed = Records.readAll(bootstrap, original, 2);
    assertThat(replayed)
        .extracting(r -> Records.text(r.key()))
        .containsExactlyInAnyOrder("u-1", "u-3");
    ConsumerRecord<byte[], byte[]> u1 =
        replayed.stream()
            .filter(r -> Records.text(r.key()).equals("u-1"))
            .findFirst()
            .orElseThrow();
    assertThat(Records.text(u1.value())).isEqualTo("{\"userId\":\"u-1\"}");
    assertThat(header(u1, "ce_id")).isEqualTo("event-u-1");
    assertThat(header(u1, DltHeaders.REPLAY_COUNT)).isEqualTo("1");
    assertThat(header(u1, DltHeaders.REPLAYED_FROM)).isEqualTo(dlt + "-0@0");
    assertThat(headerNames(u1)).noneMatch(name -> name.startsWith("kafka_dlt-"));

    CliRun second = replay("--exception-class", "EventDecodingException");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("scanned 0, matched 0, replayed 0, refused 0");
    assertThat(Records.readAll(bootstrap, original, 2)).hasSize(2);
  }

  @Test
  void resumesAfterALimitedRunWithoutReplayingAnythingTwice() {
    String target = EmbeddedClusters.unique("target");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), target, 1);

    CliRun first = replay("--to", target, "--limit", "2", "--max-rate", "1000");
    CliRun second = replay("--to", target);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(first.out()).contains("matched 2,");
    List<ConsumerRecord<byte[], byte[]>> replayed = Records.readAll(bootstrap, target, 4);
    assertThat(replayed)
        .extracting(r -> Records.text(r.key()))
        .containsExactlyInAnyOrder("u-1", "u-2", "u-3", "u-5");
    assertThat(committedOffsets()).containsValues(2L, 2L, 1L);
  }

  @Test
  void filtersByKeyAndByTimeTheRecordWasDeadLettered() {
    CliRun byKey = replay("--dry-run", "--key", "u-2");
    CliRun byTime =
        replay(
            "--dry-run",
            "--since",
            Instant.ofEpochMilli(T0 + 1_000).toString(),
            "--until",
            Instant.ofEpochMilli(T0 + 3_000).toString());

    assertThat(byKey.out()).contains("matched 1,").contains("u-2").doesNotContain("u-1 ");
    assertThat(byTime.out()).contains("matched 2,").contains("u-2", "u-3").doesNotContain("u-4");
  }

  private CliRun replay(String... args) {
    List<String> full =
        new ArrayList<>(List.of("dlt", "replay", "--from", dlt, "--bootstrap-server", bootstrap));
    full.addAll(List.of(args));
    return CliRun.run(full.toArray(String[]::new));
  }

  private Map<?, Long> committedOffsets() {
    try (Admin admin = EmbeddedClusters.admin(bootstrap)) {
      Map<org.apache.kafka.common.TopicPartition, Long> offsets = new java.util.HashMap<>();
      admin
          .listConsumerGroupOffsets("kafka-admin-replay-" + dlt)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, offset) -> offsets.put(tp, offset.offset()));
      return offsets;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      int partition,
      long timestamp,
      String key,
      String cause,
      String originalTopic,
      String replayCount) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", Records.bytes("event-" + key));
    if (originalTopic != null) {
      headers.add("kafka_dlt-original-topic", Records.bytes(originalTopic));
    }
    headers.add("kafka_dlt-original-partition", new byte[] {0, 0, 0, 1});
    headers.add(
        "kafka_dlt-exception-fqcn",
        Records.bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));
    headers.add("kafka_dlt-exception-cause-fqcn", Records.bytes(cause));
    headers.add("kafka_dlt-exception-message", Records.bytes("listener failed"));
    if (replayCount != null) {
      headers.add(DltHeaders.REPLAY_COUNT, Records.bytes(replayCount));
    }
    return new ProducerRecord<>(
        dlt,
        partition,
        timestamp,
        Records.bytes(key),
        Records.bytes("{\"userId\":\"" + key + "\"}"),
        headers);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : Records.text(header.value());
  }

  private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
    List<String> names = new ArrayList<>();
    record.headers().forEach(h -> names.add(h.key()));
    return names;
  }
}
