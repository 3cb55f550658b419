package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.userevents.producer.support.CapturedLogs;
import io.userevents.producer.support.ChildJvm;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.SpanCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service started while no broker listens at its bootstrap address (a closed local port), with
 * the production timeouts (send timeout 5 s, admin operation timeout 10 s): concurrent writes each
 * get their 503 within the send timeout, none waits for another or for the cluster id that send
 * spans name, and no failed fetch of it is logged as an error. Then a broker becomes reachable at
 * that address: writes succeed by themselves and their send spans name its cluster. Its own
 * context, because no broker is reachable at first; the tests run in order.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.security.mode=open",
      "userevents.security.rate-limit.enabled=false",
      // Production's default: no topic creation, so start-up does not wait for the admin.
      "userevents.topics.create=false",
      "management.opentelemetry.tracing.export.schedule-delay=100ms",
      // The topic check's idle admin client logs "Rebootstrapping" hundreds of times a second
      // while no broker answers; not what this test is about.
      "logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager=WARN",
    })
@Import(SpanCapture.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerUnreachableAtStartIntegrationTests {

  private static final int BROKER_PORT = ChildJvm.freePort();
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SLACK = Duration.ofSeconds(2);
  private static final int CONCURRENT_WRITES = 6;
  private static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");

  @DynamicPropertySource
  static void unreachableBroker(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + BROKER_PORT);
  }

  @LocalServerPort int port;

  @Autowired InMemorySpanExporter spans;

  /** What a client saw: the response (or why there was none) and how long it took. */
  private record Timed(
      String what, HttpResponse<String> response, Throwable failure, long millis) {}

  @Test
  @Order(1)
  void concurrentWritesEachGet503WithRetryAfterWithinTheSendTimeout() throws Exception {
    List<Timed> singles = new ArrayList<>();
    Timed bulk;
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_WRITES + 1);
    try (CapturedLogs logs = CapturedLogs.capture()) {
      List<Future<Timed>> pending = new ArrayList<>();
      for (int i = 0; i < CONCURRENT_WRITES; i++) {
        String body =
            "{\"username\":\"unreachable" + i + "\",\"email\":\"u" + i + "@example.com\"}";
        pending.add(clients.submit(() -> timed("POST /api/users", "/api/users", body)));
      }
      Future<Timed> pendingBulk =
          clients.submit(() -> timed("POST /api/events", "/api/events", bulkBody(3)));
      for (Future<Timed> each : pending) {
        singles.add(each.get());
      }
      bulk = pendingBulk.get();

      for (Timed each : singles) {
        System.out.printf("%s: %s after %d ms%n", each.what(), outcome(each), each.millis());
      }
      System.out.printf("%s: %s after %d ms%n", bulk.what(), outcome(bulk), bulk.millis());

      for (Timed each : singles) {
        assertThat(each.failure()).as(each.what()).isNull();
        HttpResponse<String> down = each.response();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(down.body(), "$.type"))
            .isEqualTo("https://userevents.io/problems/broker-unavailable");
      }
      assertThat(bulk.failure()).as(bulk.what()).isNull();
      assertThat(bulk.response().statusCode()).isEqualTo(207);
      assertThat(bulk.response().headers().firstValue("Retry-After")).hasValue("5");
      assertThat((Integer) JsonPath.read(bulk.response().body(), "$.failed")).isEqualTo(3);
      assertThat((List<Integer>) JsonPath.read(bulk.response().body(), "$.results[*].status"))
          .containsOnly(503);

      assertThat(singles)
          .allSatisfy(
              each -> assertThat(each.millis()).as(each.what()).isLessThan(bound().toMillis()));
      assertThat(bulk.millis()).as(bulk.what()).isLessThan(bound().toMillis());
      // Spring Kafka's fetch of the cluster id logged an error with a stack trace per attempt.
      assertThat(logs.linesAtLeast(Level.ERROR))
          .noneMatch(line -> line.startsWith("ERROR org.springframework.kafka.core.KafkaAdmin"));
      // One WARN line per failed event from the publisher, not another ERROR with a stack trace
      // from Spring's LoggingProducerListener.
      assertThat(logs.linesAtLeast(Level.WARN))
          .noneMatch(line -> line.contains("LoggingProducerListener"))
          .filteredOn(line -> line.contains("was not acknowledged"))
          .hasSize(CONCURRENT_WRITES + 3);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void onceABrokerListensWritesSucceedAndTheirSendSpansNameItsCluster() throws IOException {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "user-events");
    // Not the default property: other test contexts in this JVM read that one.
    broker.brokerListProperty("unreachable-at-start.brokers");
    broker.afterPropertiesSet();
    // The KRaft broker listens where it likes (spring-kafka-test 4.0.6 ignores kafkaPorts): the
    // service's bootstrap address forwards to it; the metadata then sends clients to the broker.
    try (Forwarder bootstrap =
        new Forwarder(BROKER_PORT, Integer.parseInt(broker.getBrokersAsString().split(":")[1]))) {
      String clusterId = clusterIdOf(broker.getBrokersAsString());
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                String traceId = UUID.randomUUID().toString().replace("-", "");
                HttpResponse<String> created =
                    Http.send(
                        port,
                        "POST",
                        "/api/users",
                        Map.of(
                            "Content-Type",
                            "application/json",
                            "traceparent",
                            "00-" + traceId + "-00f067aa0ba902b7-01"),
                        "{\"username\":\"back\",\"email\":\"b@example.com\"}"
                            .getBytes(StandardCharsets.UTF_8));
                assertThat(created.statusCode()).isEqualTo(201);
                SpanData send = awaitProducerSpan(traceId);
                assertThat(send.getAttributes().get(PEER_SERVICE))
                    .isEqualTo("Apache Kafka: " + clusterId);
              });
    } finally {
      broker.destroy();
    }
  }

  /** Accepts connections on a local port and pipes each to a local target port, both ways. */
  private static final class Forwarder implements AutoCloseable {

    private final ServerSocket server = new ServerSocket();
    private final ExecutorService pipes = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Forwarder(int port, int targetPort) throws IOException {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      pipes.execute(
          () -> {
            while (!server.isClosed()) {
              try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pipes.execute(() -> pipe(client, target));
                pipes.execute(() -> pipe(target, client));
              } catch (IOException e) {
                // closed, or the target refused: the client sees its connection close
              }
            }
          });
    }

    private static void pipe(Socket from, Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
      } catch (IOException e) {
        // either side closed
      } finally {
        try {
          to.close();
          from.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
      pipes.shutdownNow();
    }
  }

  private static Duration bound() {
    return SEND_TIMEOUT.plus(SLACK);
  }

  private SpanData awaitProducerSpan(String traceId) {
    List<SpanData> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              found.clear();
              spans.getFinishedSpanItems().stream()
                  .filter(
                      span ->
                          span.getTraceId().equals(traceId) && span.getKind() == SpanKind.PRODUCER)
                  .forEach(found::add);
              assertThat(found).hasSize(1);
            });
    return found.get(0);
  }

  private static String clusterIdOf(String bootstrap) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.describeCluster().clusterId().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not describe the embedded cluster", e);
    }
  }

  /** A long client timeout, so that a request that outlasts the bound is measured, not cut. */
  private Timed timed(String what, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = Http.send(request);
      return new Timed(what, response, null, millisSince(started));
    } catch (RuntimeException e) {
      return new Timed(what, null, e, millisSince(started));
    }
  }

  private static long millisSince(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }

  private static String outcome(Timed timed) {
    return timed.failure() != null
        ? timed.failure().toString()
        : Integer.toString(timed.response().statusCode());
  }

  private static String bulkBody(int items) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      events.add(
          "{\"eventId\":\"unreachable-"
              + UUID.randomUUID()
              + "\",\"eventType\":\"USER_DELETED\",\"userId\":\"u-unreachable-"
              + i
              + "\",\"timestamp\":1700000000000}");
    }
    return "[" + String.join(",", events) + "]";
  }
}
