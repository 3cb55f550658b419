package io.userevents.bench.kafka;

import org.apache.kafka.tools.ConsumerPerformance;

/** Kafka's own {@code ConsumerPerformance}, run in this JVM against the harness broker. */
public final class ConsumerPerformanceBaseline {

  private final String bootstrapServers;

  public ConsumerPerformanceBaseline(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * One run's result.
   *
   * @param messages records consumed
   * @param messagesPerSecond over the whole run, group join included
   * @param fetchMessagesPerSecond over the fetch time only (group join excluded)
   * @param summary the tool's line
   */
  public record Result(
      long messages, double messagesPerSecond, double fetchMessagesPerSecond, String summary) {}

  /** Consumes {@code messages} records of {@code topic} from the start, as group {@code group}. */
  public Result run(String topic, String group, long messages) throws Exception {
    String output =
        KafkaTool.run(
            ConsumerPerformance::main,
            "--bootstrap-server",
            bootstrapServers,
            "--topic",
            topic,
            "--group",
            group,
            "--messages",
            Long.toString(messages),
            "--timeout",
            "60000",
            "--hide-header");
    for (String line : output.split("\n")) {
      String[] fields = line.trim().split(",\\s*");
      if (fields.length == 10) {
        return new Result(
            Long.parseLong(fields[4]),
            Double.parseDouble(fields[5]),
            Double.parseDouble(fields[9]),
            line.trim());
      }
    }
    throw new IllegalStateException("no result in ConsumerPerformance output:\n" + output);
  }
}
