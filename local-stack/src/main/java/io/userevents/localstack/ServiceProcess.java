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
 * A service running as a child JVM ({@code java <options> -jar service.jar --...}), with its output
 * in a log file; ready when its {@link Readiness} says so. {@code ./run-local} runs the pipeline's
 * services this way ({@link ServiceSpec}); the benchmarks run theirs through it too, and add their
 * measurements around it.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Readiness readiness;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceProcess(String name, Process process, Path logFile, Readiness readiness) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.readiness = readiness;
  }

  /**
   * Starts {@code command} (see {@link #javaCommand}) in {@code workingDir}, with its output to
   * {@code logFile}. Returns at once; {@link #awaitReady} waits for {@code readiness}.
   *
   * @param workingDir the directory the service runs in; null for this JVM's
   */
  public static ServiceProcess start(
      String name, List<String> command, Path workingDir, Path logFile, Readiness readiness) {
    try {
      Process process = launch(command, workingDir, logFile);
      log.info("Started {} (pid {}), log in {}", name, process.pid(), logFile);
      return new ServiceProcess(name, process, logFile, readiness);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /**
   * Starts {@code command} in {@code workingDir} (null: this JVM's), with its output to {@code
   * logFile}, creating the directories they need. For a child JVM that is not a service, such as a
   * one-shot tool.
   */
  public static Process launch(List<String> command, Path workingDir, Path logFile)
      throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDir != null) {
      Files.createDirectories(workingDir);
      builder.directory(workingDir.toFile());
    }
    return builder.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
  }

  /**
   * {@code java <jvmOptions> <launch...> <args...>} with the java of this JVM's installation.
   *
   * @param launch for example {@code -jar app.jar} or {@code -cp x.jar some.Main}
   */
  public static List<String> javaCommand(
      List<String> jvmOptions, List<String> launch, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.addAll(launch);
    command.addAll(args);
    return command;
  }

  /**
   * Waits until the service reports readiness.
   *
   * @throws IllegalStateException when the process exits or the timeout passes first; the message
   *     carries the end of the service's log
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
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
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new IllegalStateException(
        name
            + " was not ready within "
            + timeout.toSeconds()
            + " s. End of "
            + logFile
            + ":\n"
            + tailOfLog(40));
  }

  /** Whether {@code url} answers 200 now. */
  public boolean answersOk(URI url) throws InterruptedException {
    return status(url) == 200;
  }

  /** The exit code, or -1 while running. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  /** Sends SIGTERM: Spring's graceful shutdown. Returns at once. */
  public void requestStop() {
    process.destroy();
  }

  /** Asks the service to stop (SIGTERM), waits for it, then forces it if needed. Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("{} did not stop within {} s; killing it", name, STOP_GRACE.toSeconds());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("Stopped {}", name);
  }

  /** The last {@code lines} lines of the log. */
  public String tailOfLog(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private boolean isReady() throws InterruptedException {
    int status = status(readiness.url());
    return status == 200
        || (status == 404 && readiness.fallback() != null && answersOk(readiness.fallback()));
  }

  private int status(URI url) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
