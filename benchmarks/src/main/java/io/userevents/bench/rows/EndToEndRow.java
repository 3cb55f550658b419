package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.Projection;
import io.userevents.bench.http.OpenLoopLoad;
import io.userevents.bench.http.OpenLoopLoad.Request;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.RowResult.Verdict;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Row 3: end-to-end latency from the intended send time of {@code POST /api/users} to the apply
 * time of the event's row in consumer-service's PostgreSQL projection, at a fixed arrival rate.
 */
public final class EndToEndRow {

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
              "3", "end-to-end latency", "p99 <= 25 ms", "PostgreSQL at 127.0.0.1:5432 not up"));
    }
    try (BenchDatabase db =
        BenchDatabase.create(BenchDatabase.Kind.POSTGRESQL, context.workDir())) {
      startGroupAtEnd();
      Progress.say("[row 3] starting consumer-service on PostgreSQL");
      try (Running consumer = context.services().consumer(db, List.of())) {
        Projection projection = new Projection(db);
        OpenLoopLoad load =
            new OpenLoopLoad(
                producer.uri("/api/users"), options.e2eRate(), 201, SampleEvents::createUserBody);
        List<String> failures = new ArrayList<>();
        List<String> unacknowledged = new ArrayList<>();
        long expected = 0;
        Progress.say("[row 3] warm-up, %d s", options.e2eWarmup().toSeconds());
        List<Request> warmup = load.run(options.e2eWarmup(), sequence);
        sequence += warmup.size();
        expected += acknowledged(warmup).size();
        awaitApplied(projection, expected);
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> p999 = new ArrayList<>();
        List<Double> ackP99 = new ArrayList<>();
        for (int rep = 1; rep <= options.repetitions(); rep++) {
          List<Request> requests = load.run(options.e2eDuration(), sequence);
          sequence += requests.size();
          List<Request> acked = acknowledged(requests);
          expected += acked.size();
          boolean complete = awaitApplied(projection, expected);
          Map<String, Long> applied = projection.appliedMicros();
          Histogram e2e = new Histogram(3_600_000_000L, 3);
          Histogram ack = new Histogram(3_600_000_000L, 3);
          long missing = 0;
          for (Request r : acked) {
            ack.recordValue(Math.max(0, r.answeredMicros() - r.intendedStartMicros()));
            Long at = applied.get(r.eventId());
            if (at == null) {
              missing++;
            } else {
              e2e.recordValue(Math.max(0, at - r.intendedStartMicros()));
            }
          }
          if (missing > 0 || !complete) {
            failures.add(
                String.format(
                    "run %d: %d acknowledged, %d of them not applied within 60 s",
                    rep, acked.size(), missing));
          }
          if (acked.size() != requests.size()) {
            unacknowledged.add(
                String.format(
                    "run %d: %d of %d", rep, requests.size() - acked.size(), requests.size()));
          }
          p50.add(e2e.getValueAtPercentile(50) / 1000.0);
          p99.add(e2e.getValueAtPercentile(99) / 1000.0);
          p999.add(e2e.getValueAtPercentile(99.9) / 1000.0);
          ackP99.add(ack.getValueAtPercentile(99) / 1000.0);
          Progress.say(
              "[row 3] run %d: e2e p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (HTTP ack p99 %.1f ms)",
              rep, p50.get(rep - 1), p99.get(rep - 1), p999.get(rep - 1), ackP99.get(rep - 1));
        }
        String how =
            String.format(
                "Open loop: %d POST /api/users per second on a fixed schedule for %d s per run"
                    + " (after %d s warm-up), JDK HttpClient async; latency = apply time of the"
                    + " event in processed_events (PostgreSQL) minus the request's intended start"
                    + " time, so stalls count (no coordinated omission). HdrHistogram. HTTP ack"
                    + " (intended start to 201) p99 per run: %s ms.",
                options.e2eRate(),
                options.e2eDuration().toSeconds(),
                options.e2eWarmup().toSeconds(),
                ackP99);
        String verification =
            (failures.isEmpty()
                    ? "Verified after every run: every acknowledged event was applied, by event id."
                    : "Data check failed: " + String.join("; ", failures))
                + (unacknowledged.isEmpty()
                    ? " Every request was acknowledged (201)."
                    : " Requests not acknowledged (not counted; an error, not a loss): "
                        + String.join(", ", unacknowledged)
                        + ".");
        RowResult main =
            new RowResult(
                "3",
                "end-to-end latency p99, POST -> applied (1,000/s)",
                "ms",
                Samples.of(p99),
                Samples.empty(),
                "",
                Samples.empty(),
                "p99 <= 25 ms",
                RowResult.atMost(Samples.of(p99), 25),
                List.of(how, verification));
        RowResult median =
            new RowResult(
                "3",
                "end-to-end latency p50",
                "ms",
                Samples.of(p50),
                Samples.empty(),
                "",
                Samples.empty(),
                "report",
                Verdict.REPORT,
                List.of());
        RowResult tail =
            new RowResult(
                "3",
                "end-to-end latency p99.9",
                "ms",
                Samples.of(p999),
                Samples.empty(),
                "",
                Samples.empty(),
                "report",
                Verdict.REPORT,
                List.of());
        if (!failures.isEmpty()) {
          main = main.withDataLoss("A run lost events.");
        }
        return List.of(median, main, tail);
      }
    }
  }

  private static List<Request> acknowledged(List<Request> requests) {
    return requests.stream().filter(r -> r.acknowledged(201)).toList();
  }

  /** Commits the group's offsets at the topic's end, so the consumer skips rows 1-2's events. */
  private void startGroupAtEnd() throws Exception {
    context.broker().deleteGroup(BenchContext.GROUP);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    context
        .broker()
        .endOffsets(BenchContext.TOPIC)
        .forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    context.broker().admin().alterConsumerGroupOffsets(BenchContext.GROUP, offsets).all().get();
  }

  private static boolean awaitApplied(Projection projection, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (projection.processedEvents() >= expected) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
