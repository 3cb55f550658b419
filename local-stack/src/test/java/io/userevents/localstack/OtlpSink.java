package io.userevents.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry Collector: accepts OTLP/HTTP span exports on {@code
 * /<service>/v1/traces} and keeps the raw protobuf bodies. A span's trace id is 16 raw bytes in
 * them, so a trace is found without decoding.
 */
final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final List<Export> exports = new CopyOnWriteArrayList<>();

  /** One export request: which service sent it, and its body. */
  record Export(String service, byte[] body) {}

  private OtlpSink(HttpServer server) {
    this.server = server;
  }

  static OtlpSink start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OtlpSink sink = new OtlpSink(server);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            String service = exchange.getRequestURI().getPath().split("/")[1];
            sink.exports.add(new Export(service, body.readAllBytes()));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return sink;
  }

  /** The endpoint to give {@code service} as its OTLP traces endpoint. */
  String endpoint(String service) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + service + "/v1/traces";
  }

  /** Whether an export of {@code service} holds a span of the trace whose text also appears. */
  boolean exported(String service, String traceIdHex, String text) {
    byte[] traceId = HexFormat.of().parseHex(traceIdHex);
    byte[] marker = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return exports.stream()
        .filter(export -> export.service().equals(service))
        .anyMatch(export -> contains(export.body(), traceId) && contains(export.body(), marker));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
