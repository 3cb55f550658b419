package io.userevents.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service of the pipeline running as a child JVM ({@code java -jar service.jar --...}), with
 * its output in a log file. Ready means its actuator readiness probe answers 200.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final ServiceSpec spec;
  private final Process process;
  private final Path logFile;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceProcess(ServiceSpec spec, Process process, Path logFile) {
    this.spec = spec;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code spec} in a child JVM of the same Java installation as this one. */
  static ServiceProcess start(ServiceSpec spec, Path logDir) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(spec.jvmArgs());
    command.add("-jar");
    command.add(spec.jar().toString());
    command.addAll(spec.args());
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(spec.workingDir());
      Path logFile = logDir.resolve(spec.name() + ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(spec.workingDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      log.info("Started {} (pid {}), log in {}", spec.name(), process.pid(), logFile);
      return new ServiceProcess(spec, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + spec.name(), e);
    }
  }

  /**
   * Waits until the service reports readiness on its management port.
   *
   * @throws IllegalStateException when the process exits or the timeout passes first; the message
   *     carries the end of the service's log
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            spec.name()
                + " exited with code "
                + process.exitValue()
                + " before it was ready. End of "
                + logFile
                + ":\n"
                + tailOfLog(40));
      }
      if (isReady()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        spec.name()
            + " was not ready within "
            + timeout.toSeconds()
            + " s. End of "
            + logFile
            + ":\n"
            + tailOfLog(40));
  }

  /** Whether the service serves an OpenAPI document (and so springdoc's Swagger UI). */
  boolean servesOpenApi() throws InterruptedException {
    return status("http://localhost:" + spec.port() + "/v3/api-docs") == 200;
  }

  /** The exit code, or -1 while running. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ServiceSpec spec() {
    return spec;
  }

  Path logFile() {
    return logFile;
  }

  /** Sends SIGTERM: Spring's graceful shutdown. Returns at once. */
  void requestStop() {
    process.destroy();
  }

  /** Asks the service to stop (SIGTERM), waits for it, then forces it if needed. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("{} did not stop within {} s; killing it", spec.name(), STOP_GRACE.toSeconds());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("Stopped {}", spec.name());
  }

  private boolean isReady() throws InterruptedException {
    String base = "http://localhost:" + spec.managementPort() + "/actuator/health";
    int readiness = status(base + "/readiness");
    // Probes disabled: the overall health is the best signal left.
    return readiness == 200 || (readiness == 404 && status(base) == 200);
  }

  private int status(String url) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  String tailOfLog(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** What to run: the jar, where, its ports, and its arguments. */
  record ServiceSpec(
      String name,
      Path jar,
      Path workingDir,
      int port,
      int managementPort,
      List<String> jvmArgs,
      List<String> args) {

    ServiceSpec {
      jvmArgs = List.copyOf(jvmArgs);
      args = List.copyOf(args);
    }
  }
}
