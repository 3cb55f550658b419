package io.userevents.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Row 1's load: {@code clients} concurrent clients posting JSON arrays of {@code batchSize}
 * complete events to {@code POST /api/events} until all batches are sent. Counts only the events
 * the service acknowledged: all of a 200, and the items a 207 lists as accepted.
 */
public final class BulkIngestLoad {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final int clients;
  private final List<String> bodies = new ArrayList<>();
  private final List<List<String>> eventIds = new ArrayList<>();

  /** Builds the request bodies up front, so that encoding is not part of the measured time. */
  public BulkIngestLoad(URI uri, int events, int batchSize, int clients) {
    this.uri = uri;
    this.clients = clients;
    UserEventCodec codec = UserEventCodec.create();
    for (int start = 0; start < events; start += batchSize) {
      int end = Math.min(events, start + batchSize);
      StringBuilder body = new StringBuilder(batchSize * 320).append('[');
      List<String> ids = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        UserEvent event = SampleEvents.created(i);
        if (i > start) {
          body.append(',');
        }
        body.append(codec.encodeToString(event));
        ids.add(event.eventId());
      }
      bodies.add(body.append(']').toString());
      eventIds.add(ids);
    }
  }

  /**
   * One run's outcome.
   *
   * @param acknowledgedIds the event ids the service acknowledged
   * @param seconds wall time from the first request to the last answer
   * @param statuses how many requests ended with each status (-1: no answer)
   */
  public record Result(
      List<String> acknowledgedIds, double seconds, Map<Integer, Integer> statuses) {
    public double eventsPerSecond() {
      return acknowledgedIds.size() / seconds;
    }
  }

  public Result run() throws Exception {
    HttpClient client = Http.client(2);
    AtomicInteger next = new AtomicInteger();
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                  int status = post(client, i, acknowledged);
                  statuses.merge(status, 1, Integer::sum);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Result(new ArrayList<>(acknowledged), seconds, new TreeMap<>(statuses));
  }

  private int post(HttpClient client, int batch, Queue<String> acknowledged) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(batch)))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        acknowledged.addAll(eventIds.get(batch));
      } else if (response.statusCode() == 207) {
        acknowledged.addAll(acceptedItems(response.body(), eventIds.get(batch)));
      }
      return response.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** The ids of a 207 answer's items that carry a partition and offset (acknowledged). */
  static List<String> acceptedItems(String body, List<String> sent) throws Exception {
    JsonNode root = JSON.readTree(body);
    JsonNode items = root.isArray() ? root : root.path("results");
    if (!items.isArray()) {
      items = root.path("items");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
      if (item.hasNonNull("offset")) {
        int index = item.path("index").asInt(-1);
        String id = item.path("eventId").asText(index >= 0 ? sent.get(index) : null);
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }
}
