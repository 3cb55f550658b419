package io.userevents.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Row 3b's load, what a user trying the tour does: {@code POST /api/users} on a fixed, sparse
 * schedule (open loop), and after each acknowledgement {@code GET /api/users/{id}} on
 * consumer-service every {@link #POLL} until it answers 200. Latency runs from the intended send
 * time to the moment that {@code GET} answers.
 */
public final class SparseWrites implements AutoCloseable {

  /** How often a write's user is asked for. */
  public static final Duration POLL = Duration.ofMillis(2);

  /** Longest a write is waited for before it counts as not visible. */
  public static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);

  private final URI post;
  private final URI read;
  private final LongFunction<String> body;
  private final HttpClient client = Http.client(2);
  private final ExecutorService writers = Executors.newCachedThreadPool(Http.daemon("bench-write"));

  /**
   * @param post producer-service's {@code /api/users}
   * @param read consumer-service's {@code /api/users/}, to which the user id is appended
   */
  public SparseWrites(URI post, URI read, LongFunction<String> body) {
    this.post = post;
    this.read = read;
    this.body = body;
  }

  /**
   * One write.
   *
   * @param intendedMicros when the schedule said to send it ({@link Micros})
   * @param visibleMicros when {@code GET} first answered 200 ({@link Micros}; 0: never)
   * @param status the status of the {@code POST} (-1: no answer)
   */
  public record Write(long intendedMicros, long visibleMicros, int status) {
    public boolean visible() {
      return visibleMicros > 0;
    }

    public long latencyMicros() {
      return visibleMicros - intendedMicros;
    }
  }

  /** One write now. */
  public Write once(long sequence) throws Exception {
    return write(Micros.now(), sequence);
  }

  /** {@code perSecond x duration} writes on a fixed schedule, numbered from {@code first}. */
  public List<Write> run(double perSecond, Duration duration, long first) throws Exception {
    int count = (int) Math.max(1, Math.round(duration.toMillis() * perSecond / 1000));
    long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    long start = System.nanoTime();
    List<Future<Write>> writes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long intended = start + i * intervalNanos;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long sequence = first + i;
      writes.add(writers.submit(() -> write(Micros.at(intended), sequence)));
    }
    List<Write> done = new ArrayList<>(count);
    for (Future<Write> write : writes) {
      done.add(write.get(VISIBLE_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS));
    }
    return done;
  }

  private Write write(long intendedMicros, long sequence) throws Exception {
    HttpResponse<String> answer;
    try {
      answer =
          client.send(
              HttpRequest.newBuilder(post)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body.apply(sequence)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return new Write(intendedMicros, 0, -1);
    }
    String userId = Http.userId(answer.body());
    if (answer.statusCode() != 201 || userId == null) {
      return new Write(intendedMicros, 0, answer.statusCode());
    }
    return new Write(intendedMicros, awaitVisible(read.resolve(userId)), answer.statusCode());
  }

  /** Asks every {@link #POLL} until 200; the answer's time, or 0 after the timeout. */
  private long awaitVisible(URI user) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(user).timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      long asked = System.nanoTime();
      int status = client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        return Micros.now();
      }
      long wait;
      while ((wait = asked + POLL.toNanos() - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    return 0;
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
