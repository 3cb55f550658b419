package io.userevents.bench;

import io.userevents.bench.codec.CodecRow;
import io.userevents.bench.kafka.BenchBroker;
import io.userevents.bench.process.ServiceJars;
import io.userevents.bench.process.Services;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RowResult.Verdict;
import io.userevents.bench.report.Samples;
import io.userevents.bench.rows.BenchContext;
import io.userevents.bench.rows.BulkIngestRow;
import io.userevents.bench.rows.ConsumerOverheadRows;
import io.userevents.bench.rows.DrainTopic;
import io.userevents.bench.rows.EndToEndRow;
import io.userevents.bench.rows.PeakMemory;
import io.userevents.bench.rows.ProjectionDrainRows;
import io.userevents.bench.rows.SingleIngestRows;
import io.userevents.bench.rows.SparseLatencyRow;
import io.userevents.bench.tracing.OtlpSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs the selected rows in an order that shares processes where it can. */
final class Harness {

  private static final String TARGET_1 = "ratio >= 0.30";
  private static final String TARGET_2 = "ratio >= 0.45, 2c >= 1.2";
  private static final String TARGET_3 = EndToEndRow.TARGETS;
  private static final String TARGET_3B = "p50 <= 30 ms, p99 <= 100 ms, first <= 500 ms";
  private static final String TARGET_4 = "ratio >= 0.60 each";
  private static final String TARGET_5 = "report (ceiling), 5c >= 1.5";
  private static final String TARGET_7 = "<= 400 MB each";

  private final HarnessOptions options;
  private final Set<Integer> rows;
  private final List<RowResult> results = new ArrayList<>();
  private final PeakMemory memory = new PeakMemory();

  Harness(HarnessOptions options) {
    this.options = options;
    this.rows = options.rows();
  }

  List<RowResult> run() throws Exception {
    if (rows.contains(6)) {
      Progress.say("[row 6] codec round trip, JMH");
      results.add(new CodecRow(options).run());
    }
    if (rows.stream().anyMatch(r -> r != 6)) {
      Path workDir = Files.createTempDirectory("userevents-bench-");
      if (options.jfrDir() != null) {
        Files.createDirectories(options.jfrDir());
      }
      Progress.say("Starting the KRaft broker (work dir %s)", workDir);
      try (BenchBroker broker = BenchBroker.start()) {
        Services services =
            new Services(
                new ServiceJars(options.repoRoot()),
                options.imageCache(),
                options.serviceJvmOptions(),
                options.producerArgs(),
                options.consumerArgs(),
                broker.bootstrapServers(),
                workDir,
                options.jfrDir());
        BenchContext context = new BenchContext(options, broker, services, workDir);
        services.prepareImages();
        runIngestRows(context);
        runDrainRows(context);
      }
    }
    if (rows.contains(7)) {
      results.addAll(memoryRows());
    }
    return results;
  }

  private void runIngestRows(BenchContext context) throws Exception {
    boolean row1 = rows.contains(1);
    boolean row2 = rows.contains(2);
    boolean row3 = rows.contains(3);
    if (!row1 && !row2 && !row3) {
      return;
    }
    Services services = context.services();
    if (services.producerJar() == null) {
      String reason = "producer-service jar not found: build it first (see README)";
      notRun(row1, "1", "bulk ingest, POST /api/events", TARGET_1, reason);
      notRun(row2, "2", "single-event ingest, POST /api/users", TARGET_2, reason);
      notRun(row3, "3", "end-to-end latency", TARGET_3, reason);
      return;
    }
    context.broker().recreateTopic(BenchContext.TOPIC);
    Progress.say("Starting producer-service");
    try (Running producer = services.producer(List.of())) {
      if (row1) {
        results.add(
            guard(
                "1",
                "bulk ingest, POST /api/events",
                TARGET_1,
                new BulkIngestRow(context, producer, memory)::run));
      }
      SingleIngestRows single = new SingleIngestRows(context, producer);
      if (row2) {
        results.addAll(
            guardAll(
                "2",
                "single-event ingest, POST /api/users",
                TARGET_2,
                () -> {
                  Progress.say("Starting the bare baseline web app and the course's producer");
                  try (Running app = services.baselineWebApp();
                      Running course = services.courseProducer()) {
                    return single.singleIngest(app, course);
                  }
                }));
        results.addAll(
            guardAll(
                "2t",
                "single-event ingest, tracing exported against off",
                "report",
                () -> {
                  Progress.say("Starting two more producer-services: traces exported, and off");
                  try (OtlpSink sink = OtlpSink.start();
                      Running traced =
                          services.producer(
                              "producer-service-traced",
                              List.of(
                                  "--management.opentelemetry.tracing.export.otlp.endpoint="
                                      + sink.tracesEndpoint()));
                      Running untraced =
                          services.producer(
                              "producer-service-untraced",
                              List.of("--management.tracing.sampling.probability=0.0"))) {
                    return List.of(single.tracingCost(traced, untraced, sink));
                  }
                }));
      }
      if (row3) {
        if (services.consumerJar() == null) {
          notRun(
              true,
              "3",
              "end-to-end latency",
              TARGET_3,
              "consumer-service jar not found: build it first");
        } else {
          results.addAll(
              guardAll(
                  "3",
                  "end-to-end latency",
                  TARGET_3,
                  () -> new EndToEndRow(context, producer).run()));
          results.addAll(
              guardAll(
                  "3b",
                  "sparse writes, POST -> visible",
                  TARGET_3B,
                  () -> new SparseLatencyRow(context, producer).run()));
        }
      }
    }
  }

  private void runDrainRows(BenchContext context) throws Exception {
    boolean row4 = rows.contains(4) || rows.contains(7);
    boolean row5 = rows.contains(5);
    if (!row4 && !row5) {
      return;
    }
    if (context.services().consumerJar() == null) {
      String reason = "consumer-service jar not found: build it first (see README)";
      notRun(row4, "4", "projection drain", TARGET_4, reason);
      notRun(row5, "5", "consumer overhead, no-op sink", TARGET_5, reason);
      return;
    }
    DrainTopic topic = DrainTopic.prefill(context);
    if (row4) {
      results.addAll(
          guardAll(
              "4",
              "projection drain",
              TARGET_4,
              new ProjectionDrainRows(context, topic, memory)::run));
    }
    if (row5) {
      results.addAll(
          guardAll(
              "5",
              "consumer overhead, no-op sink",
              TARGET_5,
              new ConsumerOverheadRows(context, topic)::run));
    }
  }

  private List<RowResult> memoryRows() {
    if (memory.producerMb().isEmpty() && memory.consumerMb().isEmpty()) {
      return List.of(
          RowResult.notRun(
              "7", "peak RSS per service", TARGET_7, "rows 1 and 4 did not run a service"));
    }
    String how =
        "VmHWM of the service's JVM (a child process started from its jar with the service JVM"
            + " options above), read from /proc/<pid>/status at the end of its row; one value per"
            + " process; the target applies to the largest.";
    List<RowResult> memoryRows = new ArrayList<>();
    memoryRows.add(
        memoryRow("7a", "peak RSS, producer-service during row 1", memory.producerMb(), how));
    memoryRows.add(
        memoryRow("7b", "peak RSS, consumer-service during row 4", memory.consumerMb(), how));
    return memoryRows;
  }

  private static RowResult memoryRow(String id, String what, List<Double> mb, String how) {
    if (mb.isEmpty()) {
      return RowResult.notRun(id, what, TARGET_7, "its row did not run");
    }
    Samples samples = Samples.of(mb);
    return new RowResult(
        id,
        what,
        "MB",
        samples,
        Samples.empty(),
        "",
        Samples.empty(),
        TARGET_7,
        samples.max() <= 400 ? Verdict.PASS : Verdict.FAIL,
        List.of(how));
  }

  private void notRun(boolean selected, String id, String what, String target, String reason) {
    if (selected) {
      Progress.say("[row %s] not run: %s", id, reason);
      results.add(RowResult.notRun(id, what, target, reason));
    }
  }

  /** A row's body, which may fail. */
  @FunctionalInterface
  interface RowBody {
    RowResult run() throws Exception;
  }

  /** Rows' bodies, which may fail. */
  @FunctionalInterface
  interface RowsBody {
    List<RowResult> run() throws Exception;
  }

  private static List<RowResult> guardAll(String id, String what, String target, RowsBody body) {
    try {
      return body.run();
    } catch (Exception e) {
      Progress.say("[row %s] failed: %s", id, e);
      e.printStackTrace();
      return List.of(RowResult.notRun(id, what, target, "failed: " + e));
    }
  }

  /** Runs a row; a failure becomes a NOT_RUN row with the reason instead of ending the run. */
  private static RowResult guard(String id, String what, String target, RowBody body) {
    try {
      return body.run();
    } catch (Exception e) {
      Progress.say("[row %s] failed: %s", id, e);
      e.printStackTrace();
      return RowResult.notRun(id, what, target, "failed: " + e);
    }
  }
}
