package io.userevents.bench.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Exit;

/** Runs one of Kafka's command-line tools in this JVM and returns what it printed. */
final class KafkaTool {

  private KafkaTool() {}

  /** A tool's {@code main}. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  /**
   * Calls {@code main} with {@code args}, capturing standard output and turning a call to {@code
   * Exit.exit} into an exception instead of ending the harness.
   */
  static synchronized String run(Main main, String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8.name());
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException("Kafka tool exited with " + status + ": " + message);
        });
    System.setOut(tee);
    try {
      main.run(args);
    } finally {
      System.setOut(original);
      Exit.resetExitProcedure();
    }
    tee.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }
}
