package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.admin.KafkaAdminCli;
import io.userevents.admin.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * One trace across both service processes and the broker: the HTTP request's trace id reaches the
 * consumer's apply span; a dead letter keeps its record's traceparent and its replay is applied by
 * {@code kafka-admin dlt replay} (and dead-lettered again) in the same trace. Spans are read from
 * what the services export.
 */
@ExtendWith(RunningStackExtension.class)
class TracingEndToEndIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void httpRequestsTraceReachesTheConsumersApplySpan(PipelineStack stack, OtlpSink spans)
      throws Exception {
    String traceId = newTraceId();
    HttpRequest post =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + stack.settings().producerPort() + "/api/users"))
            .header("Content-Type", "application/json")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"traced_ada\",\"email\":\"traced@example.com\"}"))
            .build();

    HttpResponse<String> created =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(spans.exported("producer-service", traceId, "user-events send"))
                  .as("producer's send span")
                  .isTrue();
              assertThat(spans.exported("consumer-service", traceId, "apply user-events"))
                  .as("consumer's apply span")
                  .isTrue();
            });
  }

  @Test
  void deadLetterAndItsReplayCarryTheRecordsTrace(PipelineStack stack, OtlpSink spans) {
    String traceId = newTraceId();
    String traceparent = "00-" + traceId + "-00f067aa0ba902b8-01";
    String key = "traced-poison-" + UUID.randomUUID();
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));

    send(
        stack,
        new ProducerRecord<>("user-events", null, bytes(key), bytes("{\"eventId\":"), headers));

    ConsumerRecord<byte[], byte[]> dead = awaitDeadLetters(stack, key, 1).get(0);
    assertThat(values(dead, "traceparent")).containsExactly(traceparent);

    String from = dead.topic() + "-" + dead.partition() + "@" + dead.offset();
    StringWriter out = new StringWriter();
    CommandLine cli = KafkaAdminCli.commandLine(new CliContext(Map.of(), Clock.systemUTC()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int exitCode =
        cli.execute(
            "dlt",
            "replay",
            "--bootstrap-server",
            stack.bootstrapServers(),
            "--key",
            key,
            "--group",
            "replay-" + key);
    assertThat(exitCode).as("kafka-admin dlt replay: %s", out).isZero();

    List<ConsumerRecord<byte[], byte[]>> again = awaitDeadLetters(stack, key, 2);
    assertThat(again)
        .allSatisfy(each -> assertThat(values(each, "traceparent")).containsExactly(traceparent));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(spans.exported("consumer-service", traceId, from))
                    .as("the replayed record's apply span names its dead letter")
                    .isTrue());
  }

  private static void send(PipelineStack stack, ProducerRecord<byte[], byte[]> record) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(
      PipelineStack stack, String key, int count) {
    return await()
        .atMost(PATIENCE)
        .until(() -> deadLetters(stack, key), found -> found.size() >= count);
  }

  private static List<ConsumerRecord<byte[], byte[]>> deadLetters(PipelineStack stack, String key) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("user-events-dlt").stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  private static List<String> values(ConsumerRecord<?, ?> record, String header) {
    List<String> values = new ArrayList<>();
    record
        .headers()
        .headers(header)
        .forEach(h -> values.add(new String(h.value(), StandardCharsets.UTF_8)));
    return values;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
