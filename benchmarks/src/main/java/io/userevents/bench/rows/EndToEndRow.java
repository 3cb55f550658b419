package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.CommitWatcher;
import io.userevents.bench.http.OpenLoopLoad;
import io.userevents.bench.http.OpenLoopLoad.Request;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.PooledLatency;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RowResult.Verdict;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        return measure(watcher);
      }
    }
  }

  private List<RowResult> measure(CommitWatcher watcher) throws Exception {
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
    Progress.say("[row 3] warm-up, %d s", options.e2eWarmup().toSeconds());
    List<Request> warmup = load.run(options.e2eWarmup(), sequence);
    sequence += warmup.size();
    awaitVisible(watcher, acknowledged(warmup));
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
    }
    return rows(e2e, ack, failures, unacknowledged);
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
      PooledLatency e2e, PooledLatency ack, List<String> failures, List<String> unacknowledged) {
    String how =
        String.format(
            "Open loop: %d POST /api/users per second on a fixed schedule for %d s per run"
                + " (after %d s warm-up), JDK HttpClient async; latency = the moment the event's"
                + " change is committed and visible to a reader minus the request's intended start"
                + " time, so stalls count (no coordinated omission). Visible: a harness thread asks"
                + " PostgreSQL which acknowledged event ids are in processed_events (written in the"
                + " transaction that changes the user) and takes the moment the first query that"
                + " finds one returns; it asks about an event every %d ms, and once it has waited"
                + " longer, every tenth of its wait since the acknowledgement, so a reading is late"
                + " by at most that gap plus one query, never early."
                + " HdrHistograms of the runs pooled for the headline (%,d events); each run's value"
                + " and the worst beside it. HTTP ack (intended start to 201) p99, pooled: %.1f ms.",
            options.e2eRate(),
            options.e2eDuration().toSeconds(),
            options.e2eWarmup().toSeconds(),
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
