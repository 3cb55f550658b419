package io.userevents.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of {@code ./run-local}: starts the broker and both services, prints where everything
 * is, and runs until Ctrl-C (a shutdown hook stops the services, then the broker).
 */
public final class LocalStack {

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    long startedAt = System.nanoTime();
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(LocalStackSettings.USAGE);
      return;
    }
    LocalStackSettings settings;
    try {
      settings = LocalStackSettings.parse(Arrays.asList(args), Path.of(""));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LocalStackSettings.USAGE);
      System.exit(2);
      return;
    }

    PipelineStack stack = new PipelineStack(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered before anything starts, so Ctrl-C during start-up leaves no orphan behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping local stack ...");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-shutdown"));
    try {
      stack.run();
    } catch (RuntimeException | IOException e) {
      if (stopped.getCount() == 0) {
        return; // Ctrl-C while starting: the shutdown hook already stopped everything.
      }
      System.err.println("local-stack failed to start: " + describe(e));
      System.err.println(
          "Data from an older version in "
              + settings.dataDir()
              + " (e.g. a database migration checksum mismatch)? Start empty with --fresh.");
      System.exit(1);
      return;
    }

    Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
    System.out.print(
        Banner.render(settings, startup, stack.servesOpenApi(0), stack.servesOpenApi(1)));
    System.out.flush();
    watch(stack, stopped);
  }

  /** Blocks until Ctrl-C; exits non-zero if a service dies on its own. */
  private static void watch(PipelineStack stack, CountDownLatch stopped)
      throws InterruptedException {
    while (!stopped.await(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
      ServiceProcess dead = stack.firstDeadService();
      if (dead == null) {
        continue;
      }
      // Ctrl-C reaches the services too (same process group): they may exit a moment before
      // our shutdown hook runs. Give the hook that moment before calling it a crash.
      if (stopped.await(3, TimeUnit.SECONDS) || isShuttingDown()) {
        return;
      }
      System.err.printf(
          "%s stopped unexpectedly (exit code %d). End of %s:%n%s%n",
          dead.name(), dead.exitCode(), dead.logFile(), dead.tailOfLog(30));
      System.exit(1);
    }
  }

  /** True once the JVM runs its shutdown hooks (the JDK refuses new hooks from then on). */
  private static boolean isShuttingDown() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static String describe(Throwable error) {
    StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      message.append("\n  caused by: ").append(cause);
    }
    return message.toString();
  }
}
