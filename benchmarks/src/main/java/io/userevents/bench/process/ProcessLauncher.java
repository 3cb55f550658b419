package io.userevents.bench.process;

import io.userevents.bench.Progress;
import io.userevents.bench.process.Services.Running;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Starts one process of a run and waits until it is ready: a service from its launch command, or
 * one of the harness's own Boot apps from the harness's class path. Every process gets the run's
 * JVM options (plus a JFR recording when profiling) and a numbered log file.
 */
final class ProcessLauncher {

  private final List<String> jvmOptions;
  private final String bootstrapServers;
  private final Path workDir;
  private final @Nullable Path jfrDir;
  private final AtomicInteger started = new AtomicInteger();

  ProcessLauncher(
      List<String> jvmOptions, String bootstrapServers, Path workDir, @Nullable Path jfrDir) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
    this.jfrDir = jfrDir;
  }

  /** Starts one of the harness's own Boot apps from its class path; ready when /ready answers. */
  Running harnessApp(String name, Class<?> main, List<String> args) throws Exception {
    return withPortRetry(name, () -> harnessAppOnce(name, main, args));
  }

  private Running harnessAppOnce(String name, Class<?> main, List<String> extraArgs)
      throws Exception {
    int port = MeasuredProcess.freePort();
    String classPath = System.getProperty("java.class.path");
    Path log = logFile(name);
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--spring.main.banner-mode=off");
    args.addAll(extraArgs);
    MeasuredProcess process =
        MeasuredProcess.start(
            name,
            jvmOptions(log),
            List.of("-cp", classPath, main.getName()),
            args,
            log,
            URI.create("http://127.0.0.1:" + port + "/ready"));
    try {
      return new Running(process.awaitReady(Services.START_TIMEOUT), port);
    } catch (Exception e) {
      process.close();
      throw e;
    }
  }

  /** Starts a service with the run's JVM options; ready when its readiness group is UP. */
  Running bootService(String name, List<String> launch, List<String> extraArgs) throws Exception {
    return bootService(name, launch, extraArgs, jvmOptions);
  }

  /** Starts a service with JVM options {@code jvm} instead of the run's. */
  Running bootService(String name, List<String> launch, List<String> extraArgs, List<String> jvm)
      throws Exception {
    return withPortRetry(name, () -> bootServiceOnce(name, launch, extraArgs, jvm));
  }

  /** A port found free can be taken by another process before the app binds it: retry. */
  private static Running withPortRetry(String name, Callable<Running> start) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return start.call();
      } catch (IllegalStateException e) {
        if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("already in use")) {
          throw e;
        }
        Progress.say("%s: port taken meanwhile, starting again", name);
      }
    }
  }

  private Running bootServiceOnce(
      String name, List<String> launch, List<String> extraArgs, List<String> jvm) throws Exception {
    int port = MeasuredProcess.freePort();
    int management = MeasuredProcess.freePort();
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--management.server.port=" + management);
    args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    args.add("--spring.main.banner-mode=off");
    // The services refuse to start without a security mode; the harness measures them open, from
    // one client address, so without the per-client rate limit.
    args.add("--userevents.security.mode=open");
    args.add("--userevents.security.rate-limit.enabled=false");
    args.addAll(extraArgs);
    Path log = logFile(name);
    MeasuredProcess process =
        MeasuredProcess.start(
            name,
            jvmOptions(jvm, log),
            launch,
            args,
            log,
            URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"));
    try {
      return new Running(process.awaitReady(Services.START_TIMEOUT), port);
    } catch (Exception e) {
      process.close();
      throw e;
    }
  }

  /** The JVM options, plus a JFR recording named after the log when profiling. */
  private List<String> jvmOptions(Path log) {
    return jvmOptions(jvmOptions, log);
  }

  private List<String> jvmOptions(List<String> jvm, Path log) {
    if (jfrDir == null) {
      return jvm;
    }
    String name = log.getFileName().toString().replace(".log", ".jfr");
    List<String> options = new ArrayList<>(jvm);
    options.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrDir.resolve(name));
    return options;
  }

  private Path logFile(String name) {
    return workDir
        .resolve("logs")
        .resolve(String.format("%02d-%s.log", started.incrementAndGet(), name));
  }
}
