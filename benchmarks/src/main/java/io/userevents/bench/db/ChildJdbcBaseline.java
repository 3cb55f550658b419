package io.userevents.bench.db;

import io.userevents.bench.process.MeasuredProcess;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link JdbcUpsertBaseline} in a JVM of its own with the services' JVM options, so that the
 * baseline gets the heap and collector the service gets: H2 runs inside the JVM that writes to it,
 * and in the harness's own JVM (a heap of several GB) the baseline would be measured with memory
 * the service never has.
 */
public final class ChildJdbcBaseline {

  private static final long TIMEOUT_MINUTES = 10;

  private final List<String> jvmOptions;
  private final Path workDir;

  public ChildJdbcBaseline(List<String> jvmOptions, Path workDir) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.workDir = workDir;
  }

  /**
   * Writes the events into the database from a child JVM, with {@code threads} writer threads in
   * transactions of {@code batchSize} events, and returns the rate it measured, events per second.
   * No connection of this JVM may be open to an H2 database meanwhile (with AUTO_SERVER the child
   * would then write through it).
   */
  public double write(BenchDatabase database, List<UserEvent> events, int batchSize, int threads)
      throws Exception {
    Path file = Files.createTempFile(workDir, "baseline-events", ".ndjson");
    try {
      UserEventCodec codec = UserEventCodec.create();
      try (OutputStream out = Files.newOutputStream(file)) {
        for (UserEvent event : events) {
          out.write(codec.encode(event));
          out.write('\n');
        }
      }
      Path log = Files.createTempFile(workDir, "baseline", ".log");
      Process process =
          MeasuredProcess.java(
              jvmOptions,
              List.of(
                  "-cp", System.getProperty("java.class.path"), JdbcUpsertBaseline.class.getName()),
              List.of(
                  database.kind().name(),
                  database.url(),
                  database.user(),
                  file.toString(),
                  Integer.toString(batchSize),
                  Integer.toString(threads)),
              log);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("the JDBC baseline did not finish; see " + log);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      for (String line : output.split("\n")) {
        if (line.startsWith(JdbcUpsertBaseline.RATE_PREFIX)) {
          Files.delete(log);
          return Double.parseDouble(line.substring(JdbcUpsertBaseline.RATE_PREFIX.length()));
        }
      }
      throw new IllegalStateException(
          "the JDBC baseline exited with " + process.exitValue() + " and no rate; see " + log);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
