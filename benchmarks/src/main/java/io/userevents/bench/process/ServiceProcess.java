package io.userevents.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service the harness runs as a child JVM (so that its memory can be read from {@code /proc}),
 * with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final URI readiness;

  private ServiceProcess(String name, Process process, Path log, URI readiness) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.readiness = readiness;
  }

  /**
   * Starts {@code java <jvmOptions> <launch...> <args...>} with output to {@code log}.
   *
   * @param launch for example {@code -jar app.jar} or {@code -cp x.jar some.Main}
   * @param readiness the URL that answers 200 once the service is ready
   */
  public static ServiceProcess start(
      String name,
      List<String> jvmOptions,
      List<String> launch,
      List<String> args,
      Path log,
      URI readiness)
      throws IOException {
    return new ServiceProcess(name, java(jvmOptions, launch, args, log), log, readiness);
  }

  /**
   * Starts {@code java <jvmOptions> <launch...> <args...>}, this JVM's java, with output to {@code
   * log}.
   */
  public static Process java(
      List<String> jvmOptions, List<String> launch, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(launch);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the readiness URL answers 200; fails early when the process dies. */
  public ServiceProcess awaitReady(Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " during start-up:\n" + tail(40));
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(40));
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** Peak resident set size so far ({@code VmHWM}), in MB. */
  public double peakRssMb() {
    return statusKb("VmHWM:") / 1024.0;
  }

  /** Current resident set size ({@code VmRSS}), in MB. */
  public double rssMb() {
    return statusKb("VmRSS:") / 1024.0;
  }

  private long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // process gone
    }
    return -1;
  }

  /** The last {@code lines} lines of the log. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Asks the process to stop (SIGTERM, graceful shutdown), and kills it after 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
