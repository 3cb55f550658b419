package io.userevents.producer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

/**
 * Thousands of generated hostile requests over real HTTP: zero 5xx, every error a problem, and the
 * service healthy afterwards. Set {@code -Dhostile.seed=...} to replay another run.
 */
class HostileInputIntegrationTests extends IngestIntegrationTest {

  private static final int CASES = 2_800;

  @Autowired private ServerProperties server;
  @Autowired private TomcatServerProperties tomcat;

  @Test
  void hostileRequestsNeverGet5xxAndEveryErrorIsAProblem() {
    long seed = Long.getLong("hostile.seed", 20261126L);
    HostileInput input = new HostileInput(seed, TestJwts.writer());
    Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int sent = 0;
    int refusedByClient = 0;
    int closedByContainer = 0;

    for (int i = 0; i < CASES; i++) {
      HostileInput.Case c = input.next(i);
      HttpRequest request;
      try {
        HttpRequest.Builder builder =
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(builder::header);
        request = builder.build();
      } catch (IllegalArgumentException e) {
        refusedByClient++; // the JDK client will not send it (e.g. an illegal URI or header)
        continue;
      }
      HttpResponse<String> response;
      try {
        response = Http.send(request);
      } catch (UncheckedIOException e) {
        if (headerBytes(c) > server.getMaxHttpRequestHeaderSize().toBytes()
            || closedAfterEarlyAnswer(c)) {
          // Beyond the container's own limit Tomcat answers 400 (a problem, see the valve) and
          // closes the connection; after an early 413 it closes instead of reading more than the
          // swallow limit of the body. A client still sending may see only the close (the 413
          // itself is asserted in LimitsIntegrationTests).
          closedByContainer++;
        } else {
          violations.add(c.kind() + " " + c.method() + " " + c.path() + ": connection failed " + e);
        }
        continue;
      }
      sent++;
      int status = response.statusCode();
      statusesByKind.computeIfAbsent(c.kind(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (status >= 500) {
        violations.add(
            c.kind() + " " + c.method() + " " + c.path() + " -> " + status + " " + response.body());
      } else if (status >= 400 && !type.startsWith("application/problem+json")) {
        violations.add(
            c.kind()
                + " "
                + c.method()
                + " "
                + c.path()
                + " -> "
                + status
                + " as '"
                + type
                + "': "
                + abbreviate(response.body()));
      }
    }

    System.out.printf(
        "Hostile input (seed %d): %d generated, %d answered, %d refused by the JDK client,"
            + " %d closed by the container (headers over its limit, or more body unread after an"
            + " early 413 than it swallows), %d violations%n",
        seed, CASES, sent, refusedByClient, closedByContainer, violations.size());
    statusesByKind.forEach((kind, statuses) -> System.out.printf("  %-18s %s%n", kind, statuses));
    violations.stream().limit(20).forEach(v -> System.out.println("  VIOLATION " + v));

    assertThat(sent).isGreaterThanOrEqualTo(2_000);
    assertThat(violations).isEmpty();
    assertThat(Http.get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
    HttpResponse<String> afterwards =
        Http.send(
            port,
            "POST",
            "/api/users",
            Map.of("Authorization", TestJwts.writerHeader(), "Content-Type", "application/json"),
            "{\"username\":\"survivor\",\"email\":\"s@example.com\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(afterwards.statusCode()).isEqualTo(201);
  }

  /** A body over its endpoint's limit is answered at once; Tomcat won't swallow the rest. */
  private boolean closedAfterEarlyAnswer(HostileInput.Case c) {
    return c.kind().equals("oversized-body")
        && c.body().length > tomcat.getMaxSwallowSize().toBytes();
  }

  private static int headerBytes(HostileInput.Case c) {
    return c.headers().entrySet().stream()
        .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4)
        .sum();
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
