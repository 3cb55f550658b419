package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.CommitWatcher;
import io.userevents.bench.http.OpenLoopLoad;
import io.userevents.bench.http.OpenLoopLoad.Request;
import io.userevents.bench.process.JitCompilerTime;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.PooledLatency;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RowResult.Verdict;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Row 3: end-to-end latency from the intended send time of {@code POST /api/users} to the moment
 * the change is committed and visible in consumer-service's PostgreSQL projection, at a fixed
 * arrival rate.
 */
public final class EndToEndRow {

  /** Issue #15's targets for the tail at 1,000 events/s. */
  private static final double P99_MS = 15;

  private static final double P999_MS = 50;

  private static final String TARGET = "p99 <= " + (int) P99_MS + " ms";

  private static final String TARGET_P999 = "p99.9 <= " + (int) P999_MS + " ms";

  /** Both targets, as the row's overview (and a row not run) shows them. */
  public static final String TARGETS = TARGET + ", " + TARGET_P999;

  /** How often the harness asks the database which events are visible. */
  private static final Duration POLL = Duration.ofMillis(2);

  private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(60);

  /** How many of a run's slowest seconds the progress log names. */
  private static final int SLOWEST_SECONDS = 6;

  private final BenchContext context;
  private final HarnessOptions options;
  private final Running producer;
  private long sequence = 50_000_000;

  public EndToEndRow(BenchContext context, Running producer) {
    this.context = context;
    this.options = context.options();
    this.producer = producer;
  }

  public List<RowResult> run() throws Exception {
    if (!BenchDatabase.postgresAvailable()) {
      return List.of(
          RowResult.notRun(
              "3", "end-to-end latency", TARGET, "PostgreSQL at 127.0.0.1:5432 not up"));
    }
    try (BenchDatabase db =
        BenchDatabase.create(BenchDatabase.Kind.POSTGRESQL, context.workDir())) {
      context.startGroupAtEnd();
      Progress.say("[row 3] starting consumer-service on PostgreSQL");
      try (Running consumer = context.services().consumer(db, List.of());
          CommitWatcher watcher = CommitWatcher.start(db, POLL)) {
        return measure(watcher, consumer);
      }
    }
  }

  private List<RowResult> measure(CommitWatcher watcher, Running consumer) throws Exception {
    OpenLoopLoad load =
        new OpenLoopLoad(
            producer.uri("/api/users"),
            options.e2eRate(),
            201,
            SampleEvents::createUserBody,
            answer -> {
              if (answer.acknowledged(201)) {
                watcher.watch(answer.eventId());
              }
            });
    List<String> failures = new ArrayList<>();
    List<String> unacknowledged = new ArrayList<>();
    WarmUp warmUp = warmUp(load, watcher, consumer);
    PooledLatency e2e = new PooledLatency();
    PooledLatency ack = new PooledLatency();
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      List<Request> requests = load.run(options.e2eDuration(), sequence);
      sequence += requests.size();
      List<Request> acked = acknowledged(requests);
      awaitVisible(watcher, acked);
      Histogram visible = PooledLatency.newRun();
      Histogram answered = PooledLatency.newRun();
      long missing = 0;
      for (Request r : acked) {
        answered.recordValue(Math.max(0, r.answeredMicros() - r.intendedStartMicros()));
        Long at = watcher.visibleMicros(r.eventId());
        if (at == null) {
          missing++;
        } else {
          visible.recordValue(Math.max(0, at - r.intendedStartMicros()));
        }
      }
      if (missing > 0) {
        failures.add(
            String.format(
                "run %d: %d acknowledged, %d of them not visible within %d s",
                rep, acked.size(), missing, VISIBLE_TIMEOUT.toSeconds()));
      }
      if (acked.size() != requests.size()) {
        unacknowledged.add(
            String.format(
                "run %d: %d of %d (%s)",
                rep,
                requests.size() - acked.size(),
                requests.size(),
                unacknowledgedStatuses(requests)));
      }
      e2e.add(visible);
      ack.add(answered);
      Progress.say(
          "[row 3] run %d: POST -> visible p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (HTTP ack p99"
              + " %.1f ms; not acknowledged: %d)",
          rep,
          visible.getValueAtPercentile(50) / 1000.0,
          visible.getValueAtPercentile(99) / 1000.0,
          visible.getValueAtPercentile(99.9) / 1000.0,
          answered.getValueAtPercentile(99) / 1000.0,
          requests.size() - acked.size());
      Progress.say("[row 3] run %d: slowest seconds: %s", rep, slowestSeconds(acked, watcher));
    }
    return rows(warmUp, e2e, ack, failures, unacknowledged);
  }

  /** How long row 3 warmed up, and the compilers' CPU seconds in its last step. */
  private record WarmUp(Duration length, double compilingInLastStep) {}

  /** The request of one second that took longest to become visible. */
  private record Slowest(long intendedStartMicros, long visibleMicros, long ackMicros) {}

  /**
   * The seconds whose requests waited longest to become visible, worst first, with the worst
   * request of each and its HTTP acknowledgement: when the stalls were, to hold against GC logs and
   * the services' logs.
   */
  private static String slowestSeconds(List<Request> acked, CommitWatcher watcher) {
    Map<Long, Slowest> worstBySecond = new HashMap<>();
    for (Request r : acked) {
      Long at = watcher.visibleMicros(r.eventId());
      if (at != null) {
        long start = r.intendedStartMicros();
        worstBySecond.merge(
            start / 1_000_000,
            new Slowest(start, at - start, r.answeredMicros() - start),
            (a, b) -> a.visibleMicros() >= b.visibleMicros() ? a : b);
      }
    }
    return worstBySecond.values().stream()
        .sorted(Comparator.comparingLong(Slowest::visibleMicros).reversed())
        .limit(SLOWEST_SECONDS)
        .map(
            w ->
                String.format(
                    "%s (%.0f ms, ack %.0f ms)",
                    LocalTime.ofInstant(
                            Instant.ofEpochMilli(w.intendedStartMicros() / 1000), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MILLIS),
                    w.visibleMicros() / 1000.0,
                    w.ackMicros() / 1000.0))
        .collect(Collectors.joining(", "));
  }

  /**
   * Load at the row's rate in steps of {@link HarnessOptions#e2eWarmupStep()}: at least {@link
   * HarnessOptions#e2eWarmup()}, then on until the JIT compiler threads of both services used less
   * than {@link HarnessOptions#e2eCompilingBelow()} of CPU in the last step, or {@link
   * HarnessOptions#e2eWarmupMax()} has passed. On 2 cores a service still compiling its hot code
   * takes most of a core from the pipeline; the runs then measured the compiler (2026-12-07: 5-10 s
   * of compiler CPU per 10 s in each service for 90 s, through the first two runs). Where the
   * compilers' time cannot be read (no {@code /proc}), it warms up for the longest.
   */
  private WarmUp warmUp(OpenLoopLoad load, CommitWatcher watcher, Running consumer)
      throws Exception {
    Duration step = options.e2eWarmupStep();
    List<Request> warmup = new ArrayList<>();
    Duration spent = Duration.ZERO;
    double compilers = compilerSeconds(consumer);
    double lastStep = Double.NaN;
    Progress.say(
        "[row 3] warm-up, %d-%d s",
        options.e2eWarmup().toSeconds(), options.e2eWarmupMax().toSeconds());
    while (spent.compareTo(options.e2eWarmup()) < 0
        || (spent.compareTo(options.e2eWarmupMax()) < 0
            && !(lastStep < options.e2eCompilingBelow()))) {
      List<Request> requests = load.run(step, sequence);
      sequence += requests.size();
      warmup.addAll(requests);
      spent = spent.plus(step);
      double now = compilerSeconds(consumer);
      lastStep = now - compilers;
      compilers = now;
      Progress.say(
          "[row 3] warm-up %d s: JIT compiler threads used %.2f s of CPU in the last %d s",
          spent.toSeconds(), lastStep, step.toSeconds());
    }
    awaitVisible(watcher, acknowledged(warmup));
    return new WarmUp(spent, lastStep);
  }

  /** CPU seconds the JIT compiler threads of producer-service and consumer-service have used. */
  private double compilerSeconds(Running consumer) {
    return JitCompilerTime.seconds(producer.process().pid())
        + JitCompilerTime.seconds(consumer.process().pid());
  }

  /** What the requests not acknowledged got instead: "status 503: n, no answer: m". */
  private static String unacknowledgedStatuses(List<Request> requests) {
    Map<Integer, Long> statuses = new TreeMap<>();
    for (Request r : requests) {
      if (!r.acknowledged(201)) {
        statuses.merge(r.status(), 1L, Long::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    statuses.forEach(
        (status, count) ->
            parts.add(
                (status < 0 ? "no answer (connect or request timeout)" : "status " + status)
                    + ": "
                    + count));
    return String.join(", ", parts);
  }

  private List<RowResult> rows(
      WarmUp warmUp,
      PooledLatency e2e,
      PooledLatency ack,
      List<String> failures,
      List<String> unacknowledged) {
    String how =
        String.format(
            "Open loop: %d POST /api/users per second on a fixed schedule for %d s per run"
                + " (after %d s of warm-up at that rate: at least %d s, then on in steps of %d s"
                + " until the JIT compiler threads of both services used less than %.1f s of CPU"
                + " in a step, at most %d s; %.2f s in its last step), JDK HttpClient async;"
                + " latency = the moment the event's change is committed and visible to a reader"
                + " minus the request's intended start time, so stalls count (no coordinated"
                + " omission). Visible: a harness thread asks"
                + " PostgreSQL which acknowledged event ids are in processed_events (written in the"
                + " transaction that changes the user) and takes the moment the first query that"
                + " finds one returns; it asks about an event every %d ms, and once it has waited"
                + " longer, every tenth of its wait since the acknowledgement, so a reading is late"
                + " by at most that gap plus one query, never early."
                + " HdrHistograms of the runs pooled for the headline (%,d events); each run's value"
                + " and the worst beside it. HTTP ack (intended start to 201) p99, pooled: %.1f ms.",
            options.e2eRate(),
            options.e2eDuration().toSeconds(),
            warmUp.length().toSeconds(),
            options.e2eWarmup().toSeconds(),
            options.e2eWarmupStep().toSeconds(),
            options.e2eCompilingBelow(),
            options.e2eWarmupMax().toSeconds(),
            warmUp.compilingInLastStep(),
            POLL.toMillis(),
            e2e.count(),
            ack.percentileMs(99).headline());
    String verification =
        (RowResult.dataCheck(
                failures,
                "Verified after every run: every acknowledged event became visible, by event id."))
            + (unacknowledged.isEmpty()
                ? " Every request was acknowledged (201)."
                : " Requests not acknowledged (not counted; an error, not a loss): "
                    + String.join(", ", unacknowledged)
                    + ".");
    Samples p99 = e2e.percentileMs(99);
    RowResult main =
        latency(
            String.format("end-to-end latency p99, POST -> visible (%,d/s)", options.e2eRate()),
            p99,
            TARGET,
            RowResult.atMost(p99, P99_MS),
            List.of(how, verification));
    if (!failures.isEmpty()) {
      main = main.withDataLoss("A run lost events.");
    }
    Samples p999 = e2e.percentileMs(99.9);
    return List.of(
        latency(
            "end-to-end latency p50", e2e.percentileMs(50), "report", Verdict.REPORT, List.of()),
        main,
        latency(
            "end-to-end latency p99.9",
            p999,
            TARGET_P999,
            RowResult.atMost(p999, P999_MS),
            List.of()));
  }

  private static RowResult latency(
      String what, Samples value, String target, Verdict verdict, List<String> notes) {
    return new RowResult(
        "3", what, "ms", value, Samples.empty(), "", Samples.empty(), target, verdict, notes);
  }

  private static List<Request> acknowledged(List<Request> requests) {
    return requests.stream().filter(r -> r.acknowledged(201)).toList();
  }

  /** Waits until every acknowledged request's event is visible, or {@link #VISIBLE_TIMEOUT}. */
  private static void awaitVisible(CommitWatcher watcher, List<Request> acked)
      throws InterruptedException {
    long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
    for (Request r : acked) {
      while (watcher.visibleMicros(r.eventId()) == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
  }
}
