package io.userevents.bench.kafka;

import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own {@code ProducerPerformance}, run in this JVM against the harness broker with
 * acks=all, sending real encoded sample events (its {@code --payload-file}) so that record sizes
 * match ours.
 */
public final class ProducerPerformanceBaseline {

  private static final Pattern TOTAL =
      Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

  private final String bootstrapServers;
  private final Path payloadFile;

  /** Writes {@code distinctPayloads} encoded sample events, one a line, to a temporary file. */
  public ProducerPerformanceBaseline(String bootstrapServers, Path workDir, int distinctPayloads)
      throws IOException {
    this.bootstrapServers = bootstrapServers;
    this.payloadFile = workDir.resolve("producer-performance-payloads.ndjson");
    UserEventCodec codec = UserEventCodec.create();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < distinctPayloads; i++) {
      lines.add(codec.encodeToString(SampleEvents.created(i)));
    }
    Files.write(payloadFile, lines, StandardCharsets.UTF_8);
  }

  /** Result of one run: how many records were acknowledged, and at what rate. */
  public record Result(long acknowledged, double recordsPerSecond, String summary) {}

  /** Sends {@code records} records to {@code topic} and waits for every acknowledgement. */
  public Result run(String topic, int records) throws Exception {
    String output =
        KafkaTool.run(
            ProducerPerformance::main,
            "--topic",
            topic,
            "--num-records",
            Integer.toString(records),
            "--payload-file",
            payloadFile.toString(),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + bootstrapServers,
            "acks=all",
            "client.id=bench-producer-performance");
    String last = "";
    for (String line : output.split("\n")) {
      if (TOTAL.matcher(line).find()) {
        last = line.trim();
      }
    }
    Matcher m = TOTAL.matcher(last);
    if (!m.find()) {
      throw new IllegalStateException("no total in ProducerPerformance output:\n" + output);
    }
    return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), last);
  }
}
