package io.userevents.bench;

import io.userevents.bench.kafka.BenchBroker;
import io.userevents.bench.report.MachineFacts;
import io.userevents.bench.report.ResultsWriter;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RunReport;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmark rows side by side with their baselines and writes {@code
 * benchmarks/results/latest.md} and {@code latest.json}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar [--quick] [--rows=6,1,2,3,4,5,7]</pre>
 */
public final class BenchmarkRunner {

  private BenchmarkRunner() {}

  /**
   * The common pool's parallelism, set before anything uses it. On 2 cores the JVM makes it 1, and
   * then every asynchronous {@code CompletableFuture} stage without an executor runs on a thread of
   * its own: the JDK HTTP client's {@code sendAsync} hands each answer over that way, so row 3's
   * open loop started a thread per response (1,000 a second) in the JVM that also runs the broker.
   */
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) throws Exception {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    Locale.setDefault(Locale.ROOT);
    HarnessOptions options = HarnessOptions.parse(args, repoRoot());
    Instant started = Instant.now();
    String loadAtStart = MachineFacts.currentLoadAverage();
    Progress.say(
        "%s run of rows %s, %d repetitions each; load average %s on %d cores",
        options.quick() ? "Quick" : "Full",
        options.rows(),
        options.repetitions(),
        loadAtStart,
        Runtime.getRuntime().availableProcessors());
    LoadGuard guard =
        LoadGuard.check(
            options, MachineFacts.loadAverage1m(), Runtime.getRuntime().availableProcessors());
    if (guard.refuse()) {
      System.err.println(guard.message());
      System.exit(2);
    }
    if (!guard.comparable()) {
      Progress.say("WARNING: %s", guard.message());
    }
    List<RowResult> rows =
        new Harness(options).run().stream().map(RowResult::failingNotANumber).toList();
    if (!guard.comparable()) {
      rows = rows.stream().map(row -> row.notComparable(guard.message())).toList();
    }
    RunReport report =
        new RunReport(
            options.quick() ? "quick" : "full",
            started,
            Duration.between(started, Instant.now()),
            MachineFacts.current(),
            loadAtStart,
            MachineFacts.currentLoadAverage(),
            settings(options),
            rows);
    ResultsWriter writer = new ResultsWriter();
    writer.write(report, options.resultsDir());
    System.out.println();
    System.out.print(writer.table(report));
    Progress.say(
        "Wrote %s and latest.json in %d s",
        options.resultsDir().resolve("latest.md"), report.duration().toSeconds());
    System.exit(0);
  }

  private static Map<String, String> settings(HarnessOptions o) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("repetitions per row", Integer.toString(o.repetitions()));
    s.put(
        "broker",
        "in-process single-node KRaft (local-stack's LocalKafkaBroker), topics of 3"
            + " partitions, group.consumer.heartbeat.interval.ms="
            + BenchBroker.CONSUMER_HEARTBEAT_MS);
    s.put(
        "mode",
        o.quick()
            ? "quick: small counts and short windows, services JIT-cold; a smoke test of the"
                + " harness, not numbers to quote"
            : "full");
    s.put("service JVM options", String.join(" ", o.serviceJvmOptions()));
    if (!o.producerArgs().isEmpty()) {
      s.put("extra producer-service arguments", String.join(" ", o.producerArgs()));
    }
    if (!o.consumerArgs().isEmpty()) {
      s.put("extra consumer-service arguments", String.join(" ", o.consumerArgs()));
    }
    s.put(
        "row 1 events per repetition",
        o.bulkEvents()
            + " in batches of "
            + o.bulkBatchSize()
            + ", "
            + o.bulkClients()
            + " clients");
    s.put(
        "row 2 window",
        o.singleConnections()
            + " connections, "
            + o.singleLoadBeforeFirstRun().toSeconds()
            + " s of load per side first, then per run "
            + o.singleWarmup().toSeconds()
            + " s warm-up + "
            + o.singleDuration().toSeconds()
            + " s");
    s.put(
        "row 3 schedule",
        o.e2eRate()
            + " events/s, "
            + o.e2eWarmup().toSeconds()
            + "-"
            + o.e2eWarmupMax().toSeconds()
            + " s warm-up (until the services' JIT compilers use less than "
            + o.e2eCompilingBelow()
            + " s of CPU per "
            + o.e2eWarmupStep().toSeconds()
            + " s) + "
            + o.e2eDuration().toSeconds()
            + " s");
    s.put("rows 4-5 pre-filled events", Integer.toString(o.drainEvents()));
    return s;
  }

  /** The repository root: the folder above {@code benchmarks/} that this jar was built in. */
  private static Path repoRoot() throws URISyntaxException {
    Path location =
        Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (Path p = location; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("benchmarks")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath();
  }
}
