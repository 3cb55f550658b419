package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A benchmark-style measurement of single-request latency of {@code POST /api/users} over HTTP
 * against the embedded broker (acks=all, idempotent producer, JWT validation included). It prints
 * the percentiles and asserts only correctness: every request acknowledged with 201.
 */
class PublishLatencyIntegrationTests extends IngestIntegrationTest {

  private static final int WARM_UP = 200;
  private static final int MEASURED = 1_000;

  @Test
  void measuresSingleRequestLatencyOfCreate() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String token = TestJwts.writerHeader();
    for (int i = 0; i < WARM_UP; i++) {
      assertThat(send(client, token, i).statusCode()).isEqualTo(201);
    }

    long[] nanos = new long[MEASURED];
    int created = 0;
    long wall = System.nanoTime();
    for (int i = 0; i < MEASURED; i++) {
      long started = System.nanoTime();
      HttpResponse<Void> response = send(client, token, i);
      nanos[i] = System.nanoTime() - started;
      if (response.statusCode() == 201) {
        created++;
      }
    }
    wall = System.nanoTime() - wall;

    Arrays.sort(nanos);
    System.out.printf(
        "POST /api/users latency over %d sequential requests (after %d warm-up):"
            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f requests/s%n",
        MEASURED,
        WARM_UP,
        millis(nanos, 0.50),
        millis(nanos, 0.90),
        millis(nanos, 0.99),
        nanos[MEASURED - 1] / 1e6,
        MEASURED / (wall / 1e9));
    assertThat(created).isEqualTo(MEASURED);
  }

  private HttpResponse<Void> send(HttpClient client, String token, int i) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", token)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"bench" + i + "\",\"email\":\"bench" + i + "@example.com\"}"))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private static double millis(long[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
