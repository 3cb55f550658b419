package io.userevents.admin.lag;

import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cluster.ClusterGauges;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;

/** {@code lag --serve} as the command wires it, on a free port, for the tests. */
final class RunningExporter implements AutoCloseable {

  private final Admin admin;
  private final Consumer<byte[], byte[]> reader;
  private final LagExporter exporter;
  private final MetricsServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningExporter(String bootstrap, List<String> groups, Duration interval, Duration timeout) {
    ClientSettings settings = ClientSettings.of(bootstrap, timeout);
    admin = settings.admin();
    reader = settings.consumer(null);
    LagService service = new LagService(admin, reader, Clock.systemUTC(), timeout);
    exporter =
        new LagExporter(
            service,
            s -> groups,
            () -> ClusterGauges.prometheus(admin, timeout),
            new LagThresholds(null, null, null, null),
            Clock.systemUTC(),
            new ExporterSettings(new InetSocketAddress("127.0.0.1", 0), interval, 2));
    server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), exporter::snapshot);
    exporter.start();
  }

  String metrics() {
    return get("/metrics").body();
  }

  HttpResponse<String> get(String path) {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    exporter.close();
    reader.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
