package io.userevents.producer.web;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.SlowClient;
import io.userevents.producer.support.TestJwts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Bodies over the network, as they arrive (this context: body timeout and Tomcat's read timeout 3
 * s, 1 MB of bodies in flight at most, bulk bodies up to 256 KB): chunked bodies of unknown length
 * are read whole, a body still trickling after its timeout is a 408 problem and so is one that
 * stops coming, and bodies beyond the shared budget are a 503 server-busy problem.
 */
class SlowBodiesIntegrationTests extends IngestIntegrationTest {

  private static final Duration ANSWER = Duration.ofSeconds(20);

  @Test
  void chunkedBodyOfUnknownLengthIsReadWhole() {
    byte[] user =
        "{\"username\":\"chunky\",\"email\":\"chunky@example.com\"}"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users"))
                .header("Authorization", TestJwts.writerHeader())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(user)))
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void chunkedBodyOverTheLimitIs413Problem() {
    try (SlowClient client = SlowClient.post(port, "/api/users", -1, TestJwts.writerHeader())) {
      byte[] chunk = new byte[8192];
      String chunkHeader = Integer.toHexString(chunk.length) + "\r\n";
      for (int i = 0; i < 3; i++) {
        client.send(chunkHeader.getBytes(StandardCharsets.US_ASCII));
        client.send(chunk);
        client.send("\r\n".getBytes(StandardCharsets.US_ASCII));
      }

      String response = client.response(ANSWER);
      assertThat(response).startsWith("HTTP/1.1 413").contains("/problems/payload-too-large");
    }
  }

  @Test
  void bodyStillTricklingAfterTheBodyTimeoutIs408Problem() {
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try (SlowClient client = SlowClient.post(port, "/api/users", 1000, TestJwts.writerHeader())) {
      client.send("{\"username\":".getBytes(StandardCharsets.UTF_8));
      pacer.scheduleAtFixedRate(() -> client.send(new byte[] {' '}), 0, 500, MILLISECONDS);

      String response = client.response(ANSWER);
      assertThat(response)
          .startsWith("HTTP/1.1 408")
          .contains("application/problem+json")
          .contains("/problems/request-timeout");
    } finally {
      pacer.shutdownNow();
    }
  }

  @Test
  void bodyThatStopsComingIs408ProblemAfterTheReadTimeout() {
    try (SlowClient client = SlowClient.post(port, "/api/users", 100, TestJwts.writerHeader())) {
      client.send("{\"username\":".getBytes(StandardCharsets.UTF_8));

      assertThat(client.response(ANSWER))
          .startsWith("HTTP/1.1 408")
          .contains("/problems/request-timeout");
    }
  }

  @Test
  void bodiesBeyondTheBudgetOfAllRequestsInFlightAre503ServerBusyWithRetryAfter() {
    List<SlowClient> clients = new ArrayList<>();
    try {
      List<String> busy = new ArrayList<>();
      // Each holds a 256 KB buffer: 150,000 of 200,000 declared bytes sent, the rest withheld.
      for (int i = 0; i < 5; i++) {
        SlowClient client = SlowClient.post(port, "/api/events", 200_000, TestJwts.writerHeader());
        clients.add(client);
        client.send(new byte[150_000]);
      }
      for (SlowClient client : clients) {
        String response = client.response(Duration.ofSeconds(1));
        if (response.startsWith("HTTP/1.1 503")) {
          busy.add(response);
        }
      }

      assertThat(busy).isNotEmpty();
      assertThat(busy.get(0))
          .contains("Retry-After: ")
          .contains("application/problem+json")
          .contains("/problems/server-busy");
    } finally {
      clients.forEach(SlowClient::close);
    }
  }
}
