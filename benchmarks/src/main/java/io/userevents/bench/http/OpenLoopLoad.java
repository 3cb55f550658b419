package io.userevents.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Row 3's load: requests at a fixed rate on a schedule that never waits for answers (open loop),
 * over at most {@link #MAX_IN_FLIGHT} connections. Every request is timed from its
 * <em>intended</em> start, so a stall of the service or of this generator, or a wait for a free
 * connection, shows up in the latencies instead of silently lowering the rate (no coordinated
 * omission).
 */
public final class OpenLoopLoad {

  private final URI uri;
  private final int ratePerSecond;
  private final int expectedStatus;
  private final LongFunction<String> body;
  private final Consumer<Request> onAnswer;

  /**
   * One client for the warm-up and every run: its connections stay open between them, as a
   * long-running client's would. A client per run left the previous runs' connections idle on the
   * service (counted against its {@code server.tomcat.max-connections}) until they timed out.
   */
  private final HttpClient client = Http.client(4);

  /**
   * At most this many requests in flight, so at most this many connections: as a pooled client (an
   * API gateway, a service's HTTP client) has. A request that finds them all busy waits for one,
   * timed from its intended start like any other wait. Without a bound, a service that slowed for a
   * moment got a new connection for every request sent meanwhile: in a run of row 3 alone with a
   * JIT-cold producer, 500 connections held every slot of its {@code server.tomcat.max-connections}
   * and 3,775 more waited unaccepted until the client's 5 s connect timeout, while the JDK client's
   * selector took the CPU of the broker in the same JVM.
   */
  public static final int MAX_IN_FLIGHT = 200;

  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  /**
   * @param onAnswer called with every answered request as its answer arrives (on a client thread)
   */
  public OpenLoopLoad(
      URI uri,
      int ratePerSecond,
      int expectedStatus,
      LongFunction<String> body,
      Consumer<Request> onAnswer) {
    this.uri = uri;
    this.ratePerSecond = ratePerSecond;
    this.expectedStatus = expectedStatus;
    this.body = body;
    this.onAnswer = onAnswer;
  }

  /**
   * One request.
   *
   * @param intendedStartMicros when the schedule said to send it, epoch microseconds ({@link
   *     Micros})
   * @param answeredMicros when the answer arrived, epoch microseconds ({@link Micros}; 0: none)
   * @param status the HTTP status (-1: no answer)
   * @param eventId the event id of the receipt, if acknowledged
   */
  public record Request(long intendedStartMicros, long answeredMicros, int status, String eventId) {
    public boolean acknowledged(int expected) {
      return status == expected && eventId != null;
    }
  }

  /** Sends {@code rate x duration} requests numbered from {@code firstSequence}. */
  public List<Request> run(Duration duration, long firstSequence) throws Exception {
    int count = (int) (duration.toMillis() * ratePerSecond / 1000);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    long startNanos = System.nanoTime();
    List<CompletableFuture<Request>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long intendedNanos = startNanos + i * intervalNanos;
      long wait;
      while ((wait = intendedNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      long intendedMicros = Micros.at(intendedNanos);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body.apply(firstSequence + i)))
              .build();
      futures.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, error) -> {
                    long answered = Micros.now();
                    inFlight.release();
                    if (error != null) {
                      return new Request(intendedMicros, 0, -1, null);
                    }
                    String id =
                        response.statusCode() == expectedStatus
                            ? Http.eventId(response.body())
                            : null;
                    Request answer =
                        new Request(intendedMicros, answered, response.statusCode(), id);
                    onAnswer.accept(answer);
                    return answer;
                  }));
    }
    List<Request> requests = new ArrayList<>(count);
    for (CompletableFuture<Request> f : futures) {
      requests.add(f.get(60, TimeUnit.SECONDS));
    }
    return requests;
  }
}
