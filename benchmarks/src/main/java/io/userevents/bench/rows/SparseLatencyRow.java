package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.http.SparseWrites;
import io.userevents.bench.http.SparseWrites.Write;
import io.userevents.bench.process.Services;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.PooledLatency;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RowResult.Verdict;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Row 3b: what a user trying the tour sees when writes are sparse. Each repetition starts
 * consumer-service as {@code ./run-local} does (on a fresh H2 file database, and on PostgreSQL),
 * sends one write the moment it is ready, then writes at 5 per second and at one every 2 s (open
 * loop); latency runs from a write's intended send time to the moment {@code GET /api/users/{id}}
 * on consumer-service answers 200 (asked every 2 ms).
 */
public final class SparseLatencyRow {

  static final String TARGET_P50 = "p50 <= 30 ms";
  static final String TARGET_P99 = "p99 <= 100 ms";
  static final String TARGET_FIRST = "each <= 500 ms";

  private final BenchContext context;
  private final HarnessOptions options;
  private final Running producer;
  private long sequence = 70_000_000;

  public SparseLatencyRow(BenchContext context, Running producer) {
    this.context = context;
    this.options = context.options();
    this.producer = producer;
  }

  public List<RowResult> run() throws Exception {
    List<RowResult> rows = new ArrayList<>(database(BenchDatabase.Kind.H2, "H2 (./run-local)"));
    if (BenchDatabase.postgresAvailable()) {
      rows.addAll(database(BenchDatabase.Kind.POSTGRESQL, "PostgreSQL"));
    } else {
      rows.add(
          RowResult.notRun(
              "3b",
              "sparse writes on PostgreSQL",
              TARGET_P99,
              "PostgreSQL at 127.0.0.1:5432 not up"));
    }
    return rows;
  }

  private List<RowResult> database(BenchDatabase.Kind kind, String name) throws Exception {
    PooledLatency dense = new PooledLatency();
    PooledLatency sparse = new PooledLatency();
    List<Double> first = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      try (BenchDatabase db = BenchDatabase.create(kind, context.workDir())) {
        context.startGroupAtEnd();
        Progress.say(
            "[row 3b] %s run %d: starting consumer-service as ./run-local does", name, rep);
        try (Running consumer = context.services().consumerLikeRunLocal(db);
            SparseWrites writes =
                new SparseWrites(
                    producer.uri("/api/users"),
                    consumer.uri("/api/users/"),
                    SampleEvents::createUserBody)) {
          Write once = writes.once(sequence++);
          first.add(once.visible() ? once.latencyMicros() / 1000.0 : Double.NaN);
          dense.add(phase(writes, options.sparseRate(), rep, "5/s", failures));
          sparse.add(phase(writes, options.sparserRate(), rep, "1 every 2 s", failures));
          Progress.say(
              "[row 3b] %s run %d: first write visible after %.1f ms",
              name, rep, first.get(rep - 1));
        }
      }
    }
    String how =
        String.format(
            "Each run starts consumer-service as ./run-local does (its defaults, JVM options %s, on"
                + " a fresh %s database) with its group at the topic's end; the moment it is ready,"
                + " one POST /api/users (the first write after the ready banner), then %d s at %.0f"
                + " writes/s and %d s at one write every %.0f s, open loop. Latency: from a write's"
                + " intended send time to the moment GET /api/users/{id} on consumer-service answers"
                + " 200, asked every %d ms after the 201. HdrHistograms pooled over the runs (%,d"
                + " and %,d writes); producer-service is the one of rows 1-3.",
            String.join(" ", Services.RUN_LOCAL_JVM_OPTIONS),
            kind == BenchDatabase.Kind.H2 ? "H2 file (the embedded default's URL)" : "PostgreSQL",
            options.sparseDuration().toSeconds(),
            options.sparseRate(),
            options.sparseDuration().toSeconds(),
            1 / options.sparserRate(),
            SparseWrites.POLL.toMillis(),
            dense.count(),
            sparse.count());
    String check =
        RowResult.dataCheck(failures, "Every write was acknowledged (201) and became visible.");
    List<RowResult> rows = new ArrayList<>();
    rows.add(
        latency("p50", name, "5/s", dense.percentileMs(50), TARGET_P50, 30, List.of(how, check)));
    rows.add(latency("p99", name, "5/s", dense.percentileMs(99), TARGET_P99, 100, List.of()));
    rows.add(
        latency("p50", name, "1 every 2 s", sparse.percentileMs(50), TARGET_P50, 30, List.of()));
    rows.add(
        latency("p99", name, "1 every 2 s", sparse.percentileMs(99), TARGET_P99, 100, List.of()));
    Samples firstWrite = Samples.of(first);
    rows.add(
        new RowResult(
            "3b",
            "first write after ready, POST -> visible, " + name,
            "ms",
            firstWrite,
            Samples.empty(),
            "",
            Samples.empty(),
            TARGET_FIRST,
            !firstWrite.isEmpty() && firstWrite.max() <= 500 ? Verdict.PASS : Verdict.FAIL,
            List.of()));
    if (!failures.isEmpty()) {
      rows.set(
          0, rows.get(0).withDataLoss("A write was not acknowledged or never became visible."));
    }
    return rows;
  }

  private Histogram phase(
      SparseWrites writes, double rate, int rep, String label, List<String> failures)
      throws Exception {
    List<Write> done = writes.run(rate, options.sparseDuration(), sequence);
    sequence += done.size();
    Histogram latency = PooledLatency.newRun();
    long lost = 0;
    for (Write w : done) {
      if (w.visible()) {
        latency.recordValue(Math.max(0, w.latencyMicros()));
      } else {
        lost++;
      }
    }
    if (lost > 0) {
      failures.add(
          String.format(
              "run %d at %s: %d of %d writes not visible", rep, label, lost, done.size()));
    }
    return latency;
  }

  private static RowResult latency(
      String percentile,
      String database,
      String rate,
      Samples value,
      String target,
      double limit,
      List<String> notes) {
    return new RowResult(
        "3b",
        "sparse writes " + percentile + ", POST -> visible, " + database + ", " + rate,
        "ms",
        value,
        Samples.empty(),
        "",
        Samples.empty(),
        target,
        RowResult.atMost(value, limit),
        notes);
  }
}
