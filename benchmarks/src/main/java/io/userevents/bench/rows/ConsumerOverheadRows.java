package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.Projection;
import io.userevents.bench.kafka.ConsumerPerformanceBaseline;
import io.userevents.bench.kafka.GroupProgress;
import io.userevents.bench.noop.NoopSinkClassPath;
import io.userevents.bench.process.CpuTime;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows 5 and 5c: the listener with a no-op sink draining the pre-filled topic, against Kafka's
 * ConsumerPerformance (a ceiling) and against the course's consumer.
 */
public final class ConsumerOverheadRows {

  /** Listener threads of consumer-service with the no-op sink: a store's default. */
  private static final int NO_OP_SINK_THREADS = 3;

  private final BenchContext context;
  private final HarnessOptions options;
  private final DrainTopic topic;

  public ConsumerOverheadRows(BenchContext context, DrainTopic topic) {
    this.context = context;
    this.options = context.options();
    this.topic = topic;
  }

  /**
   * Rows 5 and 5c: the listener with a no-op sink against ConsumerPerformance on the same topic (a
   * ceiling: it counts bytes) and against the course's consumer (what a user would write instead).
   */
  public List<RowResult> run() throws Exception {
    Path noopSink = NoopSinkClassPath.create(context.workDir());
    ConsumerPerformanceBaseline perf =
        new ConsumerPerformanceBaseline(context.broker().bootstrapServers());
    perf.run(BenchContext.TOPIC, "bench-consumer-performance-warmup", topic.size());
    List<Double> ours = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Double> ourCpu = new ArrayList<>();
    List<Double> perfCpu = new ArrayList<>();
    List<Double> course = new ArrayList<>();
    List<Double> courseCpu = new ArrayList<>();
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      GroupProgress noop = noopDrainOnce(noopSink, rep, failures);
      double o = noop.rate();
      ourCpu.add(noop.cpuMsPerThousand());
      GroupProgress courseRun = courseDrainOnce(rep, failures);
      course.add(courseRun.rate());
      courseCpu.add(courseRun.cpuMsPerThousand());
      double harnessBefore = CpuTime.harnessSeconds();
      ConsumerPerformanceBaseline.Result result =
          perf.run(BenchContext.TOPIC, "bench-consumer-performance-" + rep, topic.size());
      perfCpu.add(
          (CpuTime.harnessSeconds() - harnessBefore) * 1e6 / Math.max(1, result.messages()));
      if (result.messages() != topic.size()) {
        failures.add(
            "ConsumerPerformance run "
                + rep
                + " read "
                + result.messages()
                + " of "
                + topic.size());
      }
      ours.add(o);
      baseline.add(result.fetchMessagesPerSecond());
      Progress.say(
          "[row 5] run %d: ours %,.0f events/s, ConsumerPerformance %,.0f, course consumer %,.0f",
          rep, o, result.fetchMessagesPerSecond(), courseRun.rate());
    }
    Samples ratio = Samples.of(ours).dividedBy(Samples.of(baseline));
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            "Same topic as row 4 (%,d events, 3 partitions). Ours: the unchanged consumer-service"
                + " jar (listener, ErrorHandlingDeserializer + events-model deserializer, record"
                + " checks, the projection's rules and transaction, metrics, offset commits after"
                + " each batch) with a no-op ProjectionStore bean in place of its database store"
                + " (NoopSinkAutoConfiguration, appended to its class path); timed"
                + " from its first offset commit to its last (group offsets polled every 20 ms), for"
                + " at most %d s. Baseline: ConsumerPerformance"
                + " (one KafkaConsumer, byte arrays, no deserialization, no commits), its"
                + " fetch.nMsg.sec (group join excluded).",
            topic.size(), options.drainTimeBox().toSeconds()));
    notes.add(
        String.format(
            "CPU per 1,000 records (median): ours consumer-service %.0f ms (broker not included);"
                + " ConsumerPerformance %.0f ms for the harness JVM (tool and broker together).",
            Samples.of(ourCpu).median(), Samples.of(perfCpu).median()));
    notes.add(
        RowResult.dataCheck(
            failures,
            "Verified after every run: ConsumerPerformance read every record; ours committed"
                + " progress and wrote nothing to the database."));
    RowResult row =
        new RowResult(
            "5",
            "consumer overhead, listener with a no-op sink, fraction of ConsumerPerformance"
                + " (ceiling)",
            "events/s",
            Samples.of(ours),
            Samples.of(baseline),
            "ConsumerPerformance",
            ratio,
            "report",
            RowResult.Verdict.REPORT,
            notes);
    Samples courseRatio = Samples.of(ours).dividedBy(Samples.of(course));
    RowResult row5c =
        new RowResult(
            "5c",
            "consumer, listener with a no-op sink, against the course's consumer",
            "events/s",
            Samples.of(ours),
            Samples.of(course),
            "course consumer",
            courseRatio,
            "ratio >= 1.5",
            RowResult.atLeast(courseRatio, 1.5),
            List.of(
                String.format(
                    "Same topic and runs as row 5. Baseline: the consumer the course teaches"
                        + " (../shared/course-lessons.md): a @KafkaListener record listener,"
                        + " Boot's container (%d threads, as consumer-service; offsets committed"
                        + " after each poll's records, its other settings default) and Spring"
                        + " Kafka's JacksonJsonDeserializer into an event record, doing nothing"
                        + " with it; same broker, JVM options, timing from its group's first"
                        + " offset commit to its last. CPU per 1,000 records (median): %.0f ms.",
                    options.consumerConcurrency(NO_OP_SINK_THREADS),
                    Samples.of(courseCpu).median())));
    if (!failures.isEmpty()) {
      row = row.withDataLoss("A run did not consume every record.");
      row5c = row5c.withDataLoss("A run did not consume every record.");
    }
    return List.of(row, row5c);
  }

  /** The course's consumer draining the topic once, in a group of its own. */
  private GroupProgress courseDrainOnce(int rep, List<String> failures) throws Exception {
    String group = "bench-course-consumer-" + rep;
    try (Running course =
        context.services().courseConsumer(group, options.consumerConcurrency(NO_OP_SINK_THREADS))) {
      GroupProgress progress = topic.awaitDrain(course, group);
      if (progress.committedAtLast() <= progress.committedAtFirst()) {
        failures.add(
            String.format(
                "course consumer run %d: committed %d of %d",
                rep, progress.committedAtLast(), topic.size()));
      }
      return progress;
    }
  }

  private GroupProgress noopDrainOnce(Path noopSink, int rep, List<String> failures)
      throws Exception {
    context.broker().deleteGroup(BenchContext.GROUP);
    try (BenchDatabase db = BenchDatabase.create(BenchDatabase.Kind.H2, context.workDir())) {
      GroupProgress progress;
      try (Running consumer =
          context
              .services()
              .consumerWithClassPath(
                  db, noopSink, List.of("--spring.kafka.consumer.auto-offset-reset=earliest"))) {
        progress = topic.awaitDrain(consumer, BenchContext.GROUP);
        if (!consumer.process().tail(10_000).contains("BENCH no-op sink")) {
          failures.add("run " + rep + ": the no-op sink was not installed");
        }
      }
      long written = new Projection(db).processedEvents();
      if (progress.committedAtLast() <= progress.committedAtFirst() || written != 0) {
        failures.add(
            String.format(
                "run %d: committed %d of %d, %d rows written by a no-op sink",
                rep, progress.committedAtLast(), topic.size(), written));
      }
      return progress;
    }
  }
}
