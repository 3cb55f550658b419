package io.userevents.bench.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** HTTP/1.1 keep-alive clients for the load generators. */
public final class Http {

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

  private Http() {}

  /** A client that keeps its connections open and runs callbacks on {@code threads} threads. */
  public static HttpClient client(int threads) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(
            Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "bench-http");
                  t.setDaemon(true);
                  return t;
                }))
        .build();
  }

  /** The first {@code eventId} of a JSON receipt, or null. */
  public static @Nullable String eventId(String body) {
    Matcher m = EVENT_ID.matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
