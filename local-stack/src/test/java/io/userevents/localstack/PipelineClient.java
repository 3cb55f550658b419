package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the pipeline over HTTP the way a user does: POST to the producer, GET the consumer. */
final class PipelineClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String producer;
  private final String consumer;

  PipelineClient(int producerPort, int consumerPort) {
    this.producer = "http://localhost:" + producerPort;
    this.consumer = "http://localhost:" + consumerPort;
  }

  static PipelineClient of(PipelineStack stack) {
    return new PipelineClient(stack.settings().producerPort(), stack.settings().consumerPort());
  }

  /** POST /api/users; asserts 201 with a Location, returns the receipt. */
  JsonNode createUser(String username, String email) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(producer + "/api/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"email\":\"" + email + "\"}"))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode receipt = JSON.readTree(response.body());
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location).endsWith("/api/users/" + receipt.get("userId").asString()));
    return receipt;
  }

  /** Waits until GET /api/users/{id} on the consumer answers 200, returns the body. */
  JsonNode awaitUser(String userId) {
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(consumer + "/api/users/" + userId)).GET().build();
    HttpResponse<String> found =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> send(get), response -> response.statusCode() == 200);
    return JSON.readTree(found.body());
  }

  /** Metric names in a Prometheus scrape of the actuator on {@code managementPort}. */
  Set<String> scrapeMetricNames(int managementPort) {
    HttpResponse<String> scrape =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                .GET()
                .build());
    assertThat(scrape.statusCode()).isEqualTo(200);
    Set<String> names = new TreeSet<>();
    scrape
        .body()
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .forEach(names::add);
    return names;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
