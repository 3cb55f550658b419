package io.userevents.producer.web;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.ProducerApplication;
import io.userevents.producer.support.ChildJvm;
import io.userevents.producer.support.SlowClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service with compose's heap (256 MB, exit on OutOfMemoryError) in a child JVM, under abuse of
 * its memory: {@value #SLOW_CONNECTIONS} connections that each declare a 4 MB bulk body and send a
 * byte a second (before, each allocated the 4 MB it declared: ~60 of them filled the heap), each
 * replaced by a new one when the service has timed it out, for as long as bulk requests with
 * distinct {@code Idempotency-Key}s, whose responses the idempotency store keeps, are being sent
 * (at least {@value #BULK_REQUESTS} of them, for at least twice the body timeout). Throughout, the
 * live heap (what a full collection leaves) stays well below the limit, the process lives, and
 * every normal {@code POST /api/users} (one every 200 ms) is answered within a second.
 */
@EmbeddedKafka(topics = "user-events", partitions = 3)
class MemoryUnderAbuseIntegrationTests {

  private static final int SLOW_CONNECTIONS = 200;
  private static final long DECLARED = 4L * 1024 * 1024;
  private static final int BULK_REQUESTS = 2_000;
  private static final int BULK_ITEMS = 50;
  private static final int BULK_SENDERS = 4;
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

  /** Long enough for each slow connection to be timed out and replaced at least once. */
  private static final Duration ABUSE_AT_LEAST = BODY_TIMEOUT.multipliedBy(2).plusSeconds(3);

  private static final Pattern HEAP_USED =
      Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);

  /** Micrometer's old-generation size after the last collection: the live heap. */
  private static final Pattern LIVE_DATA =
      Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  /**
   * The live heap's ceiling: the bounds the service sets (32 MB of bodies in flight, 16 MB of
   * idempotency responses, Tomcat's connection buffers) plus what the service holds at rest, with
   * room to spare under the 256 MB limit.
   */
  private static final long LIVE_HEAP_CEILING = 192L * 1024 * 1024;

  private static final UserEventCodec CODEC = UserEventCodec.create();
  private static final Logger log = LoggerFactory.getLogger(MemoryUnderAbuseIntegrationTests.class);

  /** The bulk senders', heap sampler's and readiness check's client. */
  private final ExecutorService httpExecutor = Executors.newFixedThreadPool(BULK_SENDERS + 2);

  private final HttpClient http = client(httpExecutor);

  /**
   * The probe's own client (its own selector thread and executor; one probe is in flight at a
   * time), so what it measures is the service, not how busy {@link #http} is with bulk responses.
   */
  private final ExecutorService probeExecutor = Executors.newSingleThreadExecutor();

  private final HttpClient probeHttp = client(probeExecutor);

  private final AtomicInteger heapSamples = new AtomicInteger();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakLiveHeap = new AtomicLong();
  private final List<SlowClient> timedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger slowOpened = new AtomicInteger();
  private final AtomicInteger reconnectFailures = new AtomicInteger();
  private volatile boolean bulksRunning = true;
  private final ConcurrentLinkedQueue<Long> probeMillis = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Integer> probeStatuses = new ConcurrentLinkedQueue<>();

  @Test
  void heapStaysBoundedAndNormalRequestsAreAnsweredWithinASecondUnderSlowBodiesAndKeyedBulks(
      EmbeddedKafkaBroker broker) throws Exception {
    int port = ChildJvm.freePort();
    int managementPort = ChildJvm.freePort();
    List<SlowClient> slow = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(3);
    ExecutorService senders = Executors.newFixedThreadPool(BULK_SENDERS);
    try (ChildJvm service =
        ChildJvm.start(
            ProducerApplication.class.getName(),
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
            List.of(
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--userevents.security.mode=open",
                // Memory is what is measured here; the per-address rate limit would answer 429.
                "--userevents.security.rate-limit.enabled=false",
                "--userevents.ingest.limits.body-timeout=" + BODY_TIMEOUT.toSeconds() + "s",
                "--logging.level.root=WARN"))) {
      await("service ready")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !service.isAlive() || status(managementPort, "/actuator/health") == 200);
      assertThat(service.isAlive()).as(service.tailOfLog(40)).isTrue();

      // A service's first request after start pays for class loading and a cold JIT (~0.3 s on an
      // idle machine, more when the abuse starts at the same moment): that is start-up, not what
      // abuse does to it, so one normal POST goes first, answered before the abuse begins.
      assertThat(post(probeHttp, port, "warm-up").statusCode()).isEqualTo(201);
      pacer.scheduleWithFixedDelay(() -> sampleHeap(managementPort), 0, 500, MILLISECONDS);
      pacer.scheduleWithFixedDelay(() -> probe(port), 0, 200, MILLISECONDS);
      for (int i = 0; i < SLOW_CONNECTIONS; i++) {
        slow.add(SlowClient.post(port, "/api/events", DECLARED, null));
        slowOpened.incrementAndGet();
      }
      pacer.scheduleAtFixedRate(() -> trickle(slow, port), 1, 1, TimeUnit.SECONDS);
      AtomicInteger next = new AtomicInteger();
      long bulkStart = System.nanoTime();
      long abuseEnds = bulkStart + ABUSE_AT_LEAST.toNanos();
      List<Future<List<Integer>>> bulks = new ArrayList<>();
      for (int i = 0; i < BULK_SENDERS; i++) {
        bulks.add(senders.submit(() -> sendBulks(port, next, abuseEnds)));
      }

      List<Integer> bulkStatuses = new ArrayList<>();
      for (Future<List<Integer>> sender : bulks) {
        bulkStatuses.addAll(sender.get(5, TimeUnit.MINUTES));
      }
      long bulkSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - bulkStart);
      // At the most pressure (a full idempotency store, slow bodies open): what a full collection
      // leaves is what the service holds.
      service.fullGc();
      sampleHeap(managementPort);
      bulksRunning = false;
      await("every slow body answered")
          .atMost(BODY_TIMEOUT.plusSeconds(30))
          .until(() -> slow.stream().allMatch(SlowClient::answered));
      pacer.shutdown();
      pacer.awaitTermination(30, TimeUnit.SECONDS);
      timedOut.addAll(slow);

      List<Long> sorted = probeMillis.stream().sorted().toList();
      log.info(
          "Under abuse: heap in use peak {} MB of 256, live heap peak {} MB ({} samples); {} slow"
              + " connections in all; {} bulk requests in {} s; {} probes, median {} ms, p99 {}"
              + " ms, slowest {} ms",
          peakHeap.get() / (1024 * 1024),
          peakLiveHeap.get() / (1024 * 1024),
          heapSamples.get(),
          slowOpened.get(),
          bulkStatuses.size(),
          bulkSeconds,
          sorted.size(),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
          sorted.isEmpty() ? -1 : sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
      List<Long> inOrder = List.copyOf(probeMillis);
      log.info(
          "Probes of 1 s or more (probe number from the start of the abuse, one every 200 ms: ms):"
              + " {}",
          IntStream.range(0, inOrder.size())
              .filter(i -> inOrder.get(i) >= 1_000)
              .mapToObj(i -> "#" + i + ": " + inOrder.get(i))
              .toList());
      assertThat(service.isAlive()).as(service.tailOfLog(40)).isTrue();
      assertThat(heapSamples.get()).isGreaterThan(10);
      assertThat(peakHeap.get()).isPositive();
      assertThat(peakLiveHeap.get()).isPositive().isLessThan(LIVE_HEAP_CEILING);
      assertThat(bulkStatuses).hasSizeGreaterThanOrEqualTo(BULK_REQUESTS).containsOnly(200);
      // Slow connections were held open for the whole bulk phase, not only its first seconds:
      // every one of the first was timed out and replaced at least once.
      assertThat(slowOpened.get()).isGreaterThanOrEqualTo(2 * SLOW_CONNECTIONS);
      assertThat(reconnectFailures.get()).isZero();
      assertThat(timedOut)
          .hasSize(slowOpened.get())
          .allSatisfy(
              client ->
                  assertThat(client.response(Duration.ofSeconds(5))).startsWith("HTTP/1.1 408"));
      assertThat(probeStatuses).isNotEmpty().containsOnly(201);
      assertThat(probeMillis)
          .as("every probe answered within 1 s, throughout the abuse")
          .hasSizeGreaterThan(50)
          .allSatisfy(millis -> assertThat(millis).isLessThan(1_000));
    } finally {
      pacer.shutdownNow();
      senders.shutdownNow();
      probeExecutor.shutdownNow();
      httpExecutor.shutdownNow();
      slow.forEach(SlowClient::close);
      timedOut.forEach(SlowClient::close);
    }
  }

  /**
   * One more byte on each connection the service has not answered yet (408 after the timeout);
   * while bulks are being sent, each answered one is replaced by a new slow connection.
   */
  private void trickle(List<SlowClient> slow, int port) {
    byte[] oneByte = {'['};
    for (int i = 0; i < slow.size(); i++) {
      SlowClient client = slow.get(i);
      if (!client.answered()) {
        client.send(oneByte);
      } else if (bulksRunning) {
        try {
          slow.set(i, SlowClient.post(port, "/api/events", DECLARED, null));
          timedOut.add(client);
          slowOpened.incrementAndGet();
        } catch (RuntimeException e) {
          reconnectFailures.incrementAndGet();
        }
      }
    }
  }

  /**
   * Sends bulks until {@value #BULK_REQUESTS} are answered and the abuse has lasted {@link
   * #ABUSE_AT_LEAST}: on a fast machine the bulks alone take less than the body timeout, and no
   * slow connection would be timed out and replaced while they run.
   */
  private List<Integer> sendBulks(int port, AtomicInteger next, long abuseEnds) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int n = next.getAndIncrement();
        n < BULK_REQUESTS || System.nanoTime() - abuseEnds < 0;
        n = next.getAndIncrement()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", "abuse-bulk-" + n)
              .POST(HttpRequest.BodyPublishers.ofString(bulkBody(n)))
              .build();
      statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    return statuses;
  }

  /** A normal single event, timed from sending to the whole answer. */
  private void probe(int port) {
    long start = System.nanoTime();
    int status;
    try {
      status = post(probeHttp, port, "probe" + probeStatuses.size()).statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    probeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    probeStatuses.add(status);
  }

  /** {@code POST /api/users} of a new user named {@code username}. */
  private static HttpResponse<String> post(HttpClient client, int port, String username)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\""
                        + username
                        + "\",\"email\":\""
                        + username
                        + "@example.com\"}"))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The heap in use, as the service's own metrics report it. */
  private void sampleHeap(int managementPort) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
              .timeout(Duration.ofSeconds(10))
              .build();
      String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      Matcher used = HEAP_USED.matcher(metrics);
      double heap = 0;
      while (used.find()) {
        heap += Double.parseDouble(used.group(1));
      }
      peakHeap.accumulateAndGet((long) heap, Math::max);
      Matcher live = LIVE_DATA.matcher(metrics);
      if (live.find()) {
        peakLiveHeap.accumulateAndGet((long) Double.parseDouble(live.group(1)), Math::max);
      }
      heapSamples.incrementAndGet();
    } catch (IOException e) {
      // The next sample tells.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int status(int managementPort, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
              .timeout(Duration.ofSeconds(5))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static HttpClient client(ExecutorService executor) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(executor)
        .build();
  }

  private static String bulkBody(int request) {
    StringJoiner items = new StringJoiner(",", "[", "]");
    for (int i = 0; i < BULK_ITEMS; i++) {
      String user = "abuse-" + request + "-" + i;
      items.add(
          new String(
              CODEC.encode(UserEvent.created(user, user, user + "@example.com", Map.of())),
              StandardCharsets.UTF_8));
    }
    return items.toString();
  }
}
