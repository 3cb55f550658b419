package io.userevents.bench.process;

import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.web.BaselineWebApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Starts the processes of a run: producer-service, consumer-service and row 2's baseline app. */
public final class Services {

  /** How long a service may take to become ready on a busy 2-core machine. */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final ServiceJars jars;
  private final List<String> jvmOptions;
  private final String bootstrapServers;
  private final Path logDir;
  private final AtomicInteger started = new AtomicInteger();

  public Services(ServiceJars jars, List<String> jvmOptions, String bootstrapServers, Path logDir) {
    this.jars = jars;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /** A running service and the port of its API. */
  public record Running(ServiceProcess process, int port) implements AutoCloseable {
    public URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
      process.close();
    }
  }

  public @Nullable Path producerJar() {
    return jars.find("producer-service");
  }

  public @Nullable Path consumerJar() {
    return jars.find("consumer-service");
  }

  /** Starts producer-service against the harness broker and waits until it is ready. */
  public Running producer(List<String> extraArgs) throws Exception {
    return bootService("producer-service", producerJar(), List.of(), extraArgs);
  }

  /** Starts consumer-service against the harness broker and {@code database}. */
  public Running consumer(BenchDatabase database, List<String> extraArgs) throws Exception {
    List<String> args = new ArrayList<>(database.springArgs());
    args.addAll(extraArgs);
    return bootService("consumer-service", consumerJar(), List.of(), args);
  }

  /** Starts row 2's baseline web app (same JVM options as the services). */
  public Running baselineWebApp() throws Exception {
    int port = ServiceProcess.freePort();
    String classPath = System.getProperty("java.class.path");
    ServiceProcess process =
        ServiceProcess.start(
            "baseline-web-app",
            jvmOptions,
            List.of("-cp", classPath, BaselineWebApp.class.getName()),
            List.of("--server.port=" + port, "--spring.main.banner-mode=off"),
            logFile("baseline-web-app"),
            URI.create("http://127.0.0.1:" + port + "/ready"));
    return new Running(process.awaitReady(START_TIMEOUT), port);
  }

  private Running bootService(
      String name, @Nullable Path jar, List<String> jvmExtra, List<String> extraArgs)
      throws Exception {
    if (jar == null) {
      throw new IllegalStateException(name + " jar not built");
    }
    int port = ServiceProcess.freePort();
    int management = ServiceProcess.freePort();
    List<String> jvm = new ArrayList<>(jvmOptions);
    jvm.addAll(jvmExtra);
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--management.server.port=" + management);
    args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    args.add("--spring.main.banner-mode=off");
    args.addAll(extraArgs);
    ServiceProcess process =
        ServiceProcess.start(
            name,
            jvm,
            List.of("-jar", jar.toString()),
            args,
            logFile(name),
            URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"));
    try {
      return new Running(process.awaitReady(START_TIMEOUT), port);
    } catch (Exception e) {
      process.close();
      throw e;
    }
  }

  private Path logFile(String name) {
    return logDir.resolve(String.format("%02d-%s.log", started.incrementAndGet(), name));
  }
}
