package io.userevents.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Row 2's load: {@code connections} keep-alive connections, each sending the next request as soon
 * as the previous one was answered (closed loop), through a warm-up and then a measured window.
 * Counts the answers with the expected status that completed inside the window.
 */
public final class ClosedLoopLoad {

  private final URI uri;
  private final int connections;
  private final int expectedStatus;
  private final LongFunction<String> body;
  private final AtomicLong sequence;

  /**
   * @param body the body of request number n
   * @param firstSequence the first n, so that repeated runs send unique bodies
   */
  public ClosedLoopLoad(
      URI uri, int connections, int expectedStatus, LongFunction<String> body, long firstSequence) {
    this.uri = uri;
    this.connections = connections;
    this.expectedStatus = expectedStatus;
    this.body = body;
    this.sequence = new AtomicLong(firstSequence);
  }

  /**
   * One run's outcome.
   *
   * @param acknowledgedInWindow answers with the expected status completed inside the window
   * @param windowSeconds length of the window
   * @param acknowledgedIds event ids of every acknowledged answer, warm-up and tail included
   * @param acknowledgedTotal every answer with the expected status, warm-up and tail included
   * @param statuses answers per status over the whole run (-1: no answer)
   */
  public record Result(
      long acknowledgedInWindow,
      double windowSeconds,
      List<String> acknowledgedIds,
      long acknowledgedTotal,
      Map<Integer, Long> statuses) {
    public double perSecond() {
      return acknowledgedInWindow / windowSeconds;
    }
  }

  public Result run(Duration warmup, Duration window) throws Exception {
    HttpClient client = Http.client(4);
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + window.toNanos();
    AtomicLong inWindow = new AtomicLong();
    AtomicLong total = new AtomicLong();
    Queue<String> ids = new ConcurrentLinkedQueue<>();
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < windowEnd) {
                  int status = send(client, ids);
                  long now = System.nanoTime();
                  statuses.merge(status, 1L, Long::sum);
                  if (status == expectedStatus) {
                    total.incrementAndGet();
                    if (now >= windowStart && now < windowEnd) {
                      inWindow.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return new Result(
        inWindow.get(),
        window.toNanos() / 1e9,
        new ArrayList<>(ids),
        total.get(),
        new TreeMap<>(statuses));
  }

  private int send(HttpClient client, Queue<String> ids) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body.apply(sequence.getAndIncrement())))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == expectedStatus) {
        String id = Http.eventId(response.body());
        if (id != null) {
          ids.add(id);
        }
      }
      return response.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
