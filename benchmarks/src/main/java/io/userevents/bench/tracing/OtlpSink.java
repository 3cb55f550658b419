package io.userevents.bench.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row 2t's trace backend: an OTLP/HTTP endpoint ({@code POST /v1/traces}) on loopback that reads
 * each export request whole, counts it and answers {@code 200} with an empty {@code
 * ExportTraceServiceResponse}, as a collector that accepts everything would. The export's cost is
 * paid by the service (spans, batching, protobuf encoding, HTTP); the sink's own is not measured on
 * the service's side.
 */
public final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private OtlpSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the sink on a free loopback port. */
  public static OtlpSink start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    OtlpSink sink = new OtlpSink(server, executor);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            sink.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
          }
          sink.requests.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  /** The endpoint to give the service ({@code management.opentelemetry.tracing.export.otlp}). */
  public String tracesEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** Export requests received so far. */
  public long requests() {
    return requests.get();
  }

  /** Bytes of export requests received so far. */
  public long bytes() {
    return bytes.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
