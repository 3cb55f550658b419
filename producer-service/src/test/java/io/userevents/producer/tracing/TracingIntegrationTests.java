package io.userevents.producer.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.CapturedLogs;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One trace per write: the HTTP server span, a producer span per record under it, and exactly one
 * W3C {@code traceparent} on every record naming that producer span, which names the cluster by its
 * id. The trace id is also in problems and in the latency histogram's exemplars.
 */
class TracingIntegrationTests extends IngestIntegrationTest {

  private static final UserEventCodec CODEC = UserEventCodec.create();

  @Autowired InMemorySpanExporter spans;

  /** The first write of a fresh context may outwait the send timeout on a loaded machine. */
  @BeforeEach
  void brokerAcknowledgesWrites() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                Http.send(
                            port,
                            "POST",
                            "/api/users",
                            Map.of(
                                "Authorization",
                                TestJwts.writerHeader(),
                                "Content-Type",
                                "application/json"),
                            userJson("warmup").getBytes(StandardCharsets.UTF_8))
                        .statusCode()
                    == 201);
  }

  @Test
  void singleWriteCarriesTheRequestsTraceInExactlyOneTraceparentNamingItsProducerSpan() {
    String traceId = newTraceId();
    String callerSpan = "00f067aa0ba902b7";

    HttpResponse<String> response =
        post("/api/users", traceparent(traceId, callerSpan), userJson("traced-one"));

    assertThat(response.statusCode()).isEqualTo(201);
    ConsumerRecord<String, byte[]> record =
        topic()
            .at(
                JsonPath.read(response.body(), "$.partition"),
                ((Number) JsonPath.read(response.body(), "$.offset")).longValue());
    String[] written = onlyTraceparent(record).split("-");
    assertThat(written[1]).isEqualTo(traceId);
    SpanData server = awaitSpan(traceId, SpanKind.SERVER);
    assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
    SpanData send = awaitSpan(traceId, SpanKind.PRODUCER);
    assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(written[2]).isEqualTo(send.getSpanId());
    assertThat(send.getAttributes().get(AttributeKey.stringKey("peer.service")))
        .isEqualTo("Apache Kafka: " + clusterId());
  }

  @Test
  void everyRecordOfABulkWriteHasExactlyOneTraceparentOfTheRequestsTrace() {
    String traceId = newTraceId();
    String marker = UUID.randomUUID().toString();
    String body =
        "["
            + json(UserEvent.created("bulk-t1-" + marker, "ann", "ann@example.com", Map.of()))
            + ","
            + json(UserEvent.deleted("bulk-t2-" + marker, Map.of()))
            + "]";

    HttpResponse<String> response =
        post("/api/events", traceparent(traceId, "00f067aa0ba902b8"), body);

    assertThat(response.statusCode()).isEqualTo(200);
    List<ConsumerRecord<String, byte[]>> records =
        topic().all().stream().filter(each -> each.key().endsWith(marker)).toList();
    assertThat(records).hasSize(2);
    Set<String> producerSpans = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      String[] written = onlyTraceparent(record).split("-");
      assertThat(written[1]).isEqualTo(traceId);
      producerSpans.add(written[2]);
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(spanIds(traceId, SpanKind.PRODUCER))
                    .containsExactlyInAnyOrderElementsOf(producerSpans));
  }

  @Test
  void writesWithoutTraceparentEachStartATraceOfTheirOwnAndCarryIt() {
    List<String> traceIds = new ArrayList<>();
    for (String username : List.of("untraced-one", "untraced-two")) {
      HttpResponse<String> response = post("/api/users", Map.of(), userJson(username));

      assertThat(response.statusCode()).isEqualTo(201);
      // Recorded or not (10 % of new traces are), the context propagates.
      String[] written = onlyTraceparent(recordOf(response)).split("-");
      assertThat(written[1]).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
      assertThat(written[2]).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
      traceIds.add(written[1]);
    }
    assertThat(traceIds).doesNotHaveDuplicates();
  }

  @Test
  void unsampledCallerKeepsItsTraceAndItsDecisionOnTheRecord() {
    String traceId = newTraceId();

    HttpResponse<String> response =
        post("/api/users", "00-" + traceId + "-00f067aa0ba902bd-00", userJson("unsampled"));

    assertThat(response.statusCode()).isEqualTo(201);
    String[] written = onlyTraceparent(recordOf(response)).split("-");
    assertThat(written[1]).isEqualTo(traceId);
    assertThat(written[3]).isEqualTo("00");
  }

  @Test
  void problemsNameTheTraceOfTheRequest() {
    String traceId = newTraceId();

    HttpResponse<String> invalid =
        post("/api/users", traceparent(traceId, "00f067aa0ba902b9"), "{\"username\":\"\"}");
    HttpResponse<String> unauthorized =
        Http.send(
            port,
            "POST",
            "/api/users",
            Map.of(
                "Content-Type",
                "application/json",
                "traceparent",
                traceparent(traceId, "00f067aa0ba902ba")),
            userJson("nobody").getBytes(StandardCharsets.UTF_8));

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat((String) JsonPath.read(invalid.body(), "$.traceId")).isEqualTo(traceId);
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat((String) JsonPath.read(unauthorized.body(), "$.traceId")).isEqualTo(traceId);
  }

  @Test
  void publishLatencyHistogramCarriesSampledTraceIdsAsExemplars() {
    String traceId = newTraceId();

    // A bucket keeps its exemplar for a few seconds (Prometheus client's minimum retention), so
    // earlier tests' may still be there: write in this trace until one of ours replaces it.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(
                      post(
                              "/api/users",
                              traceparent(traceId, "00f067aa0ba902bb"),
                              userJson("exemplar"))
                          .statusCode())
                  .isEqualTo(201);
              assertThat(
                      openMetrics().stream()
                          .filter(
                              line ->
                                  line.startsWith(
                                          "userevents_ingest_publish_latency_seconds_bucket")
                                      && line.contains("trace_id"))
                          .toList())
                  .anyMatch(line -> line.contains("trace_id=\"" + traceId + "\""));
            });
  }

  @Test
  void logLineOfTheBrokersAcknowledgementCarriesTheRequestsTraceIdInTheMdc() {
    String traceId = newTraceId();
    Logger ours = (Logger) LoggerFactory.getLogger("io.userevents.producer.ingest");
    Level before = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    try (CapturedLogs logs = CapturedLogs.capture()) {
      HttpResponse<String> response =
          post("/api/users", traceparent(traceId, "00f067aa0ba902bc"), userJson("logged"));
      String eventId = JsonPath.read(response.body(), "$.eventId");

      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(logs.lines())
                      .anyMatch(
                          line ->
                              line.contains("Published " + eventId)
                                  && line.contains("traceId=" + traceId)));
    } finally {
      ours.setLevel(before);
    }
  }

  private ConsumerRecord<String, byte[]> recordOf(HttpResponse<String> response) {
    return topic()
        .at(
            JsonPath.read(response.body(), "$.partition"),
            ((Number) JsonPath.read(response.body(), "$.offset")).longValue());
  }

  private String clusterId() {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      return admin.describeCluster().clusterId().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not describe the embedded cluster", e);
    }
  }

  private List<String> openMetrics() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
            .header("Accept", "application/openmetrics-text; version=1.0.0")
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    return Http.send(request).body().lines().toList();
  }

  private SpanData awaitSpan(String traceId, SpanKind kind) {
    List<SpanData> found = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              found.clear();
              spans.getFinishedSpanItems().stream()
                  .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind)
                  .forEach(found::add);
              assertThat(found).hasSize(1);
            });
    return found.get(0);
  }

  private List<String> spanIds(String traceId, SpanKind kind) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind)
        .map(SpanData::getSpanId)
        .toList();
  }

  private static String onlyTraceparent(ConsumerRecord<?, ?> record) {
    List<String> values = new ArrayList<>();
    for (Header header : record.headers().headers("traceparent")) {
      values.add(new String(header.value(), StandardCharsets.UTF_8));
    }
    assertThat(values).hasSize(1);
    return values.get(0);
  }

  private HttpResponse<String> post(String path, String traceparent, String body) {
    return post(path, Map.of("traceparent", traceparent), body);
  }

  /** A writer's JSON POST with {@code extraHeaders} besides its token and content type. */
  private HttpResponse<String> post(String path, Map<String, String> extraHeaders, String body) {
    Map<String, String> headers = new HashMap<>(extraHeaders);
    headers.put("Authorization", TestJwts.writerHeader());
    headers.put("Content-Type", "application/json");
    return Http.send(port, "POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String traceparent(String traceId, String parentSpanId) {
    return "00-" + traceId + "-" + parentSpanId + "-01";
  }

  private static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static String userJson(String username) {
    return "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\"}";
  }

  private static String json(UserEvent event) {
    return new String(CODEC.encode(event), StandardCharsets.UTF_8);
  }
}
