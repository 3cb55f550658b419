package io.userevents.bench.process;

import io.userevents.localstack.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A service the harness runs as a child JVM: local-stack's {@link
 * io.userevents.localstack.ServiceProcess}, plus what the harness reads about it (its memory, from
 * {@code /proc}; its CPU time through {@link CpuTime#seconds(long) CpuTime}).
 */
public final class MeasuredProcess implements AutoCloseable {

  private final io.userevents.localstack.ServiceProcess process;

  private MeasuredProcess(io.userevents.localstack.ServiceProcess process) {
    this.process = process;
  }

  /**
   * Starts {@code java <jvmOptions> <launch...> <args...>} with output to {@code log}.
   *
   * @param launch for example {@code -jar app.jar} or {@code -cp x.jar some.Main}
   * @param readiness the URL that answers 200 once the service is ready
   */
  public static MeasuredProcess start(
      String name,
      List<String> jvmOptions,
      List<String> launch,
      List<String> args,
      Path log,
      URI readiness)
      throws IOException {
    try {
      return new MeasuredProcess(
          io.userevents.localstack.ServiceProcess.start(
              name,
              io.userevents.localstack.ServiceProcess.javaCommand(jvmOptions, launch, args),
              null,
              log,
              Readiness.of(readiness)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Starts {@code java <jvmOptions> <launch...> <args...>}, this JVM's java, with output to {@code
   * log}.
   */
  public static Process java(
      List<String> jvmOptions, List<String> launch, List<String> args, Path log)
      throws IOException {
    return io.userevents.localstack.ServiceProcess.launch(
        io.userevents.localstack.ServiceProcess.javaCommand(jvmOptions, launch, args), null, log);
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
  public MeasuredProcess awaitReady(Duration timeout) throws Exception {
    process.awaitReady(timeout);
    return this;
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return process.name();
  }

  public Path log() {
    return process.logFile();
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
    return process.tailOfLog(lines);
  }

  /** Asks the process to stop (SIGTERM, graceful shutdown), and kills it after 30 s. */
  @Override
  public void close() {
    process.close();
  }
}
