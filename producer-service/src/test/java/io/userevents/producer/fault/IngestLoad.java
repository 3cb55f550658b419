package io.userevents.producer.fault;

import com.jayway.jsonpath.JsonPath;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent HTTP clients writing to the running service until stopped, or until each has sent its
 * bounded number of requests: some {@code POST /api/users} one user at a time, some {@code POST
 * /api/events} with several complete events each, for a few users whose events interleave (a
 * create, then updates). Every event's answer is recorded, so that a test can hold each
 * acknowledgement against what is in the topic, and each user's events against the order they were
 * sent in.
 */
final class IngestLoad implements AutoCloseable {

  /** No HTTP answer at all (connection refused, reset or timed out). */
  static final int NO_ANSWER = -1;

  private static final UserEventCodec CODEC = UserEventCodec.create();

  /**
   * What the service answered for one event.
   *
   * @param eventId the event's id; null only for a single create that got no answer
   * @param userId the user the event is about; null only for a single create that got no answer
   * @param sequence the event's place among its user's events, from 0, in the order they were sent
   * @param bulk whether the event was an item of a bulk request
   * @param status the HTTP status (single) or the item's status (bulk), or {@link #NO_ANSWER}
   * @param partition the partition of the receipt, when acknowledged
   * @param retryAfter the {@code Retry-After} header of the response
   * @param contentType the {@code Content-Type} of the response
   * @param startedNanos when the request was sent ({@link System#nanoTime()})
   * @param answeredNanos when its answer (or failure) arrived
   */
  record Attempt(
      @Nullable String eventId,
      @Nullable String userId,
      int sequence,
      boolean bulk,
      int status,
      @Nullable Integer partition,
      @Nullable String retryAfter,
      @Nullable String contentType,
      long startedNanos,
      long answeredNanos) {

    boolean acknowledged() {
      return status == 201;
    }

    boolean unavailable() {
      return status == 503;
    }

    Duration took() {
      return Duration.ofNanos(answeredNanos - startedNanos);
    }

    /** Whether the request was in flight at some moment of {@code [from, to]}. */
    boolean overlaps(long from, long to) {
      return startedNanos <= to && answeredNanos >= from;
    }
  }

  private final int port;
  private final int bulkSize;
  private final int maxRequestsPerClient;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final ExecutorService clients;
  private final List<Future<?>> running = new ArrayList<>();

  private IngestLoad(int port, int clientCount, int bulkSize, int maxRequestsPerClient) {
    this.port = port;
    this.bulkSize = bulkSize;
    this.maxRequestsPerClient = maxRequestsPerClient;
    this.clients = Executors.newFixedThreadPool(clientCount);
  }

  /**
   * Starts the clients.
   *
   * @param port the service's HTTP port
   * @param singleClients clients creating one user per request
   * @param bulkClients clients sending {@code bulkSize} events per request
   * @param maxRequestsPerClient the bound on each client's requests
   */
  static IngestLoad start(
      int port, int singleClients, int bulkClients, int bulkSize, int maxRequestsPerClient) {
    IngestLoad load =
        new IngestLoad(port, singleClients + bulkClients, bulkSize, maxRequestsPerClient);
    for (int c = 0; c < singleClients; c++) {
      String client = "s" + c;
      load.running.add(load.clients.submit(() -> load.run(() -> load.createUser(client))));
    }
    for (int c = 0; c < bulkClients; c++) {
      String client = "b" + c;
      load.running.add(load.clients.submit(() -> load.run(() -> load.bulk(client))));
    }
    return load;
  }

  /** Events answered so far that match. */
  long count(Predicate<Attempt> filter) {
    return attempts.stream().filter(filter).count();
  }

  /** Stops the clients, waits for their last requests and returns every event's answer. */
  List<Attempt> stop() {
    stopped.set(true);
    clients.shutdown();
    try {
      if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("load clients did not stop within 60 s");
      }
      for (Future<?> client : running) {
        client.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a load client failed", e.getCause());
    }
    return List.copyOf(attempts);
  }

  @Override
  public void close() {
    stopped.set(true);
    clients.shutdownNow();
  }

  private void run(Runnable request) {
    for (int i = 0; i < maxRequestsPerClient && !stopped.get(); i++) {
      request.run();
    }
  }

  private void createUser(String client) {
    String name = client + "-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] body =
        ("{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}")
            .getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response =
          Http.send(port, "POST", "/api/users", Map.of("Content-Type", "application/json"), body);
    } catch (RuntimeException e) {
      attempts.add(
          new Attempt(
              null, null, 0, false, NO_ANSWER, null, null, null, started, System.nanoTime()));
      return;
    }
    long answered = System.nanoTime();
    String json = response.body();
    attempts.add(
        new Attempt(
            read(json, "$.eventId"),
            read(json, "$.userId"),
            0,
            false,
            response.statusCode(),
            response.statusCode() == 201 ? JsonPath.read(json, "$.partition") : null,
            response.headers().firstValue("Retry-After").orElse(null),
            response.headers().firstValue("Content-Type").orElse(null),
            started,
            answered));
  }

  private void bulk(String client) {
    int users = Math.max(1, bulkSize / 5);
    List<UserEvent> events = new ArrayList<>(bulkSize);
    for (int i = 0; i < bulkSize; i++) {
      String userId = i < users ? UUID.randomUUID().toString() : events.get(i % users).userId();
      String name = client + "-" + UUID.randomUUID().toString().substring(0, 8);
      String email = name + "@example.com";
      events.add(
          i < users
              ? UserEvent.created(userId, name, email, Map.of())
              : UserEvent.updated(userId, name, email, Map.of()));
    }
    StringBuilder body = new StringBuilder("[");
    for (UserEvent event : events) {
      body.append(body.length() == 1 ? "" : ",").append(CODEC.encodeToString(event));
    }
    body.append(']');
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response =
          Http.send(
              port,
              "POST",
              "/api/events",
              Map.of("Content-Type", "application/json"),
              body.toString().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      long failed = System.nanoTime();
      for (int i = 0; i < events.size(); i++) {
        attempts.add(item(events, i, users, NO_ANSWER, null, null, null, started, failed));
      }
      return;
    }
    long answered = System.nanoTime();
    String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    int status = response.statusCode();
    if (status != 200 && status != 207) {
      for (int i = 0; i < events.size(); i++) {
        attempts.add(
            item(events, i, users, status, null, retryAfter, contentType, started, answered));
      }
      return;
    }
    List<Map<String, Object>> results = JsonPath.read(response.body(), "$.results");
    for (Map<String, Object> result : results) {
      int index = (Integer) result.get("index");
      if (!events.get(index).eventId().equals(result.get("eventId"))) {
        throw new IllegalStateException("bulk result " + index + " names another event");
      }
      attempts.add(
          item(
              events,
              index,
              users,
              (Integer) result.get("status"),
              (Integer) result.get("partition"),
              retryAfter,
              contentType,
              started,
              answered));
    }
  }

  private static Attempt item(
      List<UserEvent> events,
      int index,
      int users,
      int status,
      @Nullable Integer partition,
      @Nullable String retryAfter,
      @Nullable String contentType,
      long started,
      long answered) {
    UserEvent event = events.get(index);
    return new Attempt(
        event.eventId(),
        event.userId(),
        index / users,
        true,
        status,
        partition,
        retryAfter,
        contentType,
        started,
        answered);
  }

  private static @Nullable String read(@Nullable String json, String path) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JsonPath.read(json, path);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
