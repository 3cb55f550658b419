package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.TestJwt;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The batch listener continues the producer's trace: one {@code apply user-events} span per record,
 * a child of the span named by the record's {@code traceparent}; dead letters keep that header, and
 * a replayed record's span says where it came from.
 */
class TracingIntegrationTests extends ConsumerIntegrationTest {

  private static final UserEventCodec CODEC = UserEventCodec.create();

  @Autowired InMemorySpanExporter spans;

  @LocalManagementPort int managementPort;

  @LocalServerPort int port;

  @Test
  void appliedRecordsSpanIsAChildOfTheProducersSpan() {
    String traceId = newTraceId();
    UserEvent event = TestEvents.created(TestEvents.uniqueUserId("traced"), "traced_user");

    kafka.send(
        TOPIC, event.userId(), CODEC.encode(event), traceparent(traceId, "00f067aa0ba902b7"));

    awaitUser(event.userId(), event.eventId());
    SpanData apply = awaitApplySpan(traceId);
    assertThat(apply.getName()).isEqualTo("apply user-events");
    assertThat(apply.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(apply.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(apply.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    assertThat(attribute(apply, "messaging.system")).isEqualTo("kafka");
    assertThat(attribute(apply, "messaging.operation.type")).isEqualTo("process");
    assertThat(attribute(apply, "messaging.destination.name")).isEqualTo(TOPIC);
    assertThat(attribute(apply, "messaging.destination.partition.id")).matches("[0-2]");
    assertThat(attribute(apply, "messaging.kafka.offset")).matches("\\d+");
    assertThat(attribute(apply, "messaging.batch.message_count")).matches("[1-9]\\d*");
    assertThat(attribute(apply, ApplySpans.REPLAYED_FROM_TAG)).isEqualTo("-");
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void endToEndLatencyHistogramCarriesSampledTraceIdsAsExemplars() {
    String traceId = newTraceId();

    // A bucket keeps its exemplar for a few seconds (Prometheus client's minimum retention), so
    // earlier tests' may still be there: send in this trace until one of ours replaces it.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              UserEvent event =
                  TestEvents.created(TestEvents.uniqueUserId("exemplar"), "exemplar_user");
              kafka.send(
                  TOPIC,
                  event.userId(),
                  CODEC.encode(event),
                  traceparent(traceId, "00f067aa0ba902bc"));
              assertThat(openMetrics())
                  .anyMatch(
                      line ->
                          line.startsWith("userevents_consumer_e2e_latency_seconds_bucket")
                              && line.contains("trace_id=\"" + traceId + "\""));
            });
  }

  @Test
  void deadLetterKeepsTheOriginalTraceparentAndTheRejectedRecordsSpanIsAnError() {
    String traceId = newTraceId();
    String userId = TestEvents.uniqueUserId("traced-poison");
    Header traceparent = traceparent(traceId, "00f067aa0ba902b8");

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger failures = (Logger) LoggerFactory.getLogger(DeliveryFailureListener.class);
    logs.start();
    failures.addAppender(logs);
    try {
      kafka.send(TOPIC, userId, "{\"eventId\":\"broken\"", traceparent);

      List<ConsumerRecord<String, byte[]>> dead =
          await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> list.size() == 1);
      assertThat(traceparents(dead.get(0))).containsExactly(text(traceparent));
      SpanData apply = awaitApplySpan(traceId);
      assertThat(apply.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(snapshot(logs))
                      .anyMatch(
                          event ->
                              event.getFormattedMessage().startsWith("Dead-lettered")
                                  && traceId.equals(event.getMDCPropertyMap().get("traceId"))));
    } finally {
      failures.detachAppender(logs);
    }
  }

  @Test
  void replayedRecordsSpanJoinsTheOriginalTraceAndNamesTheDeadLetter() {
    String traceId = newTraceId();
    UserEvent event = TestEvents.created(TestEvents.uniqueUserId("traced-replay"), "replayed");

    kafka.send(
        TOPIC,
        event.userId(),
        CODEC.encode(event),
        traceparent(traceId, "00f067aa0ba902b9"),
        new RecordHeader(
            ApplySpans.REPLAYED_FROM_HEADER,
            "user-events-dlt-1@42".getBytes(StandardCharsets.UTF_8)));

    awaitUser(event.userId(), event.eventId());
    SpanData apply = awaitApplySpan(traceId);
    assertThat(apply.getParentSpanId()).isEqualTo("00f067aa0ba902b9");
    assertThat(apply.getAttributes().get(AttributeKey.stringKey(ApplySpans.REPLAYED_FROM_TAG)))
        .isEqualTo("user-events-dlt-1@42");
  }

  @Test
  void readApiProblemsNameTheTraceOfTheRequest() throws Exception {
    String traceId = newTraceId();
    String traceparent = "00-" + traceId + "-00f067aa0ba902ba-01";

    HttpResponse<String> notFound =
        get(
            "/api/users/nobody-traced",
            "traceparent",
            traceparent,
            "Authorization",
            "Bearer " + TestJwt.token("users:read"));
    HttpResponse<String> unauthorized = get("/api/users/nobody-traced", "traceparent", traceparent);

    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(JsonPath.<String>read(notFound.body(), "$.traceId")).isEqualTo(traceId);
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(JsonPath.<String>read(unauthorized.body(), "$.traceId")).isEqualTo(traceId);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .headers(headers)
            .timeout(Duration.ofSeconds(30))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private List<String> openMetrics() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
            .header("Accept", "application/openmetrics-text; version=1.0.0")
            .timeout(Duration.ofSeconds(30))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .body()
        .lines()
        .toList();
  }

  private SpanData awaitApplySpan(String traceId) {
    List<SpanData> found = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              found.clear();
              spans.getFinishedSpanItems().stream()
                  .filter(span -> span.getTraceId().equals(traceId))
                  .forEach(found::add);
              assertThat(found).hasSize(1);
            });
    return found.get(0);
  }

  /** The events so far; the appender appends under its own lock. */
  private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> logs) {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  private static List<String> traceparents(ConsumerRecord<?, ?> record) {
    List<String> values = new ArrayList<>();
    record.headers().headers("traceparent").forEach(header -> values.add(text(header)));
    return values;
  }

  private static String text(Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Header traceparent(String traceId, String parentSpanId) {
    return new RecordHeader(
        "traceparent",
        ("00-" + traceId + "-" + parentSpanId + "-01").getBytes(StandardCharsets.UTF_8));
  }

  private static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
