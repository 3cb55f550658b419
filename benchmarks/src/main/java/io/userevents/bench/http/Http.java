package io.userevents.bench.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** HTTP/1.1 keep-alive clients for the load generators. */
public final class Http {

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern USER_ID = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");

  private Http() {}

  /** A client that keeps its connections open and runs callbacks on {@code threads} threads. */
  public static HttpClient client(int threads) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(threads, daemon("bench-http")))
        .build();
  }

  /** Daemon threads named {@code name}: a stuck request never keeps the harness alive. */
  public static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The first {@code userId} of a JSON receipt, or null. */
  public static @Nullable String userId(String body) {
    Matcher m = USER_ID.matcher(body);
    return m.find() ? m.group(1) : null;
  }

  /** The first {@code eventId} of a JSON receipt, or null. */
  public static @Nullable String eventId(String body) {
    Matcher m = EVENT_ID.matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
