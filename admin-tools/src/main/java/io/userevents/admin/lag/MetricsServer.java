package io.userevents.admin.lag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.userevents.admin.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} (the last round in the Prometheus text format) and {@code GET
 * /health} (200 UP when the last round read the cluster, 503 UNKNOWN otherwise) with the JDK's HTTP
 * server.
 */
final class MetricsServer implements AutoCloseable {

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  static MetricsServer start(InetSocketAddress address, Supplier<LagExporter.Snapshot> snapshot) {
    try {
      HttpServer server = HttpServer.create(address, 0);
      server.createContext(
          "/metrics",
          exchange ->
              respond(
                  exchange,
                  200,
                  "text/plain; version=0.0.4; charset=utf-8",
                  snapshot.get().text()));
      server.createContext(
          "/health",
          exchange -> {
            LagExporter.Snapshot last = snapshot.get();
            String body =
                Json.write(
                    last.up()
                        ? Map.of("status", "UP")
                        : Map.of("status", "UNKNOWN", "reason", last.reason()));
            respond(exchange, last.up() ? 200 : 503, "application/json", body);
          });
      server.start();
      return new MetricsServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
