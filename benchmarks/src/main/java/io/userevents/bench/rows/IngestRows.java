package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.http.BulkIngestLoad;
import io.userevents.bench.http.ClosedLoopLoad;
import io.userevents.bench.kafka.ProducerPerformanceBaseline;
import io.userevents.bench.kafka.TopicContents;
import io.userevents.bench.process.CpuTime;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import io.userevents.bench.tracing.OtlpSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** Rows 1 and 2: producer-service's ingest rate against its baselines, on one running producer. */
public final class IngestRows {

  /** Topic of row 1's ProducerPerformance baseline (same partitions as {@code user-events}). */
  static final String PERF_TOPIC = "bench-producer-performance";

  private final BenchContext context;
  private final HarnessOptions options;
  private final Running producer;
  private final PeakMemory memory;
  private long sequence = 10_000_000;
  private final List<double[]> bulkCpu = new ArrayList<>();
  private final List<double[]> perfCpu = new ArrayList<>();
  private final List<double[]> singleCpu = new ArrayList<>();
  private final List<double[]> appCpu = new ArrayList<>();
  private final List<double[]> courseCpu = new ArrayList<>();
  private final List<double[]> tracedCpu = new ArrayList<>();
  private final List<double[]> untracedCpu = new ArrayList<>();

  /** CPU used by the service process and by the harness JVM (broker + load) during one run. */
  private record Cpu(@Nullable Running service, double serviceStart, double harnessStart) {
    static Cpu start(@Nullable Running service) {
      return new Cpu(
          service,
          service == null ? 0 : CpuTime.seconds(service.process().pid()),
          CpuTime.harnessSeconds());
    }

    /** Adds {service ms, harness ms} per 1,000 events to {@code into}. */
    void stop(long events, List<double[]> into) {
      double serviceSeconds =
          service == null ? 0 : CpuTime.seconds(service.process().pid()) - serviceStart;
      double harnessSeconds = CpuTime.harnessSeconds() - harnessStart;
      if (events > 0) {
        into.add(new double[] {serviceSeconds * 1e6 / events, harnessSeconds * 1e6 / events});
      }
    }
  }

  /** The last {@code repetitions} entries: the measured runs, without a warm-up round. */
  private List<double[]> measured(List<double[]> runs) {
    return runs.subList(Math.max(0, runs.size() - options.repetitions()), runs.size());
  }

  /** Median CPU ms per 1,000 events: "service x + harness y". */
  private static String cpuNote(List<double[]> runs, String service) {
    if (runs.isEmpty()) {
      return "-";
    }
    Samples s = Samples.of(runs.stream().map(r -> r[0]).toList());
    Samples h = Samples.of(runs.stream().map(r -> r[1]).toList());
    return (service.isEmpty() ? "" : String.format("%s %.0f ms + ", service, s.median()))
        + String.format("harness JVM (broker, clients) %.0f ms", h.median());
  }

  public IngestRows(BenchContext context, Running producer, PeakMemory memory) {
    this.context = context;
    this.options = context.options();
    this.producer = producer;
    this.memory = memory;
  }

  /** Row 1: bulk ingest through {@code POST /api/events} vs ProducerPerformance, acks=all. */
  public RowResult bulkIngest() throws Exception {
    context.broker().recreateTopic(PERF_TOPIC);
    ProducerPerformanceBaseline perf =
        new ProducerPerformanceBaseline(
            context.broker().bootstrapServers(), context.workDir(), 1_000);
    int events = options.bulkEvents();
    List<Double> ours = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> failures = new ArrayList<>();

    int warmup = options.quick() ? events : events / 2;
    Progress.say("[row 1] warm-up: %,d events each way", warmup);
    bulkOnce(warmup, failures);
    perfOnce(perf, warmup, failures);
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      // Alternate the order so that neither side always runs on a warmer machine.
      double o;
      double b;
      if (rep % 2 == 1) {
        o = bulkOnce(events, failures);
        b = perfOnce(perf, events, failures);
      } else {
        b = perfOnce(perf, events, failures);
        o = bulkOnce(events, failures);
      }
      ours.add(o);
      baseline.add(b);
      Progress.say("[row 1] run %d: ours %,.0f events/s, ProducerPerformance %,.0f", rep, o, b);
    }
    double peak = producer.process().peakRssMb();
    memory.producer(peak);
    notes.add(
        "Same broker, topic of 3 partitions, "
            + events
            + " events of ~"
            + SampleEvents.recordSize()
            + " bytes per run and side; ours: "
            + options.bulkClients()
            + " JDK HttpClient clients posting JSON arrays of "
            + options.bulkBatchSize()
            + " events; baseline: ProducerPerformance --payload-file (the same encoded events),"
            + " acks=all, its other settings default.");
    notes.add(
        "CPU per 1,000 events (median of the measured runs):"
            + " ours "
            + cpuNote(measured(bulkCpu), "producer-service")
            + "; ProducerPerformance "
            + cpuNote(measured(perfCpu), "")
            + ".");
    notes.add(
        failures.isEmpty()
            ? "Verified after every run: the topic holds exactly the acknowledged events"
                + " (ours: by event id; baseline: by count)."
            : "Data check failed: " + String.join("; ", failures));
    Samples ratio = Samples.of(ours).dividedBy(Samples.of(baseline));
    RowResult row =
        new RowResult(
            "1",
            "bulk ingest, POST /api/events, fraction of ProducerPerformance (ceiling)",
            "events/s",
            Samples.of(ours),
            Samples.of(baseline),
            "ProducerPerformance",
            ratio,
            "ratio >= 0.30",
            RowResult.atLeast(ratio, 0.30),
            notes);
    return failures.isEmpty() ? row : row.withDataLoss("A run lost or duplicated events.");
  }

  /**
   * Rows 2 and 2c: acknowledged {@code POST /api/users} per second at 32 connections, against the
   * bare app (a ceiling: the same web stack doing nothing) and the course's producer (what a user
   * would write instead).
   */
  public List<RowResult> singleIngest(Running bareApp, Running courseApp) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> course = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    if (!options.quick()) {
      Progress.say("[row 2] warm-up, %d s each", 3 * options.singleWarmup().toSeconds());
      singleOnce(failures, options.singleWarmup());
      otherOnce(bareApp, options.singleWarmup(), appCpu);
      otherOnce(courseApp, options.singleWarmup(), courseCpu);
    }
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      // Rotate the order so that no side always runs on a warmer (or hotter) machine.
      double o = 0;
      double b = 0;
      double c = 0;
      for (int turn = 0; turn < 3; turn++) {
        switch ((rep + turn) % 3) {
          case 0 -> o = singleOnce(failures, options.singleDuration());
          case 1 -> b = otherOnce(bareApp, options.singleDuration(), appCpu);
          default -> c = otherOnce(courseApp, options.singleDuration(), courseCpu);
        }
      }
      ours.add(o);
      bare.add(b);
      course.add(c);
      Progress.say(
          "[row 2] run %d: ours %,.0f requests/s, bare app %,.0f, course producer %,.0f",
          rep, o, b, c);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        options.singleConnections()
            + " keep-alive HTTP/1.1 connections (JDK HttpClient, closed loop), "
            + options.singleWarmup().toSeconds()
            + " s warm-up then "
            + options.singleDuration().toSeconds()
            + " s counted; only 201 answers count. Ceiling: a Spring Boot MVC app (same"
            + " Boot/Tomcat/Jackson 3 stack and JVM options) whose POST /api/users parses the same"
            + " body into a record and discards it; the ratio is the fraction of it we reach.");
    notes.add(
        "CPU per 1,000 acknowledged requests (median; each run's warm-up window included): ours "
            + cpuNote(measured(singleCpu), "producer-service")
            + "; bare app "
            + cpuNote(measured(appCpu), "bare app")
            + "; course producer "
            + cpuNote(measured(courseCpu), "course producer")
            + ".");
    notes.add(
        failures.isEmpty()
            ? "Verified after every run: the topic holds exactly the acknowledged events (by"
                + " event id)."
            : "Data check failed: " + String.join("; ", failures));
    Samples bareRatio = Samples.of(ours).dividedBy(Samples.of(bare));
    RowResult row2 =
        new RowResult(
            "2",
            "single-event ingest, POST /api/users, fraction of the bare app (ceiling)",
            "req/s",
            Samples.of(ours),
            Samples.of(bare),
            "bare Boot app",
            bareRatio,
            "ratio >= 0.45",
            RowResult.atLeast(bareRatio, 0.45),
            notes);
    Samples courseRatio = Samples.of(ours).dividedBy(Samples.of(course));
    RowResult row2c =
        new RowResult(
            "2c",
            "single-event ingest, POST /api/users, against the course's producer",
            "req/s",
            Samples.of(ours),
            Samples.of(course),
            "course producer",
            courseRatio,
            "ratio >= 1.2",
            RowResult.atLeast(courseRatio, 1.2),
            List.of(
                "Same load, in the same runs as row 2 (the order of the three sides rotates per"
                    + " run). Baseline: the producer the course teaches"
                    + " (../shared/course-lessons.md): @RestController, Bean Validation on the"
                    + " request record, Boot's KafkaTemplate with Spring Kafka's"
                    + " JacksonJsonSerializer (type headers on), acks=all, answering 201 after"
                    + " send(...).get(); same broker, topic, JVM options, a record of about the"
                    + " same size (the same fields without our CloudEvents headers)."));
    if (!failures.isEmpty()) {
      row2 = row2.withDataLoss("A run lost or duplicated events.");
      row2c = row2c.withDataLoss("A run lost or duplicated events.");
    }
    return List.of(row2, row2c);
  }

  private double bulkOnce(int events, List<String> failures) throws Exception {
    BulkIngestLoad load =
        new BulkIngestLoad(
            producer.uri("/api/events"), events, options.bulkBatchSize(), options.bulkClients());
    Map<TopicPartition, Long> before = context.broker().endOffsets(BenchContext.TOPIC);
    Cpu cpu = Cpu.start(producer);
    BulkIngestLoad.Result result = load.run();
    cpu.stop(result.acknowledgedIds().size(), bulkCpu);
    Map<TopicPartition, Long> after = context.broker().endOffsets(BenchContext.TOPIC);
    List<String> onTopic = context.topicContents().eventIds(before, after);
    String difference = TopicContents.difference(result.acknowledgedIds(), onTopic);
    if (!difference.isEmpty()) {
      failures.add("row 1 (ours): " + difference + ", statuses " + result.statuses());
    }
    if (result.acknowledgedIds().size() != events) {
      Progress.say(
          "[row 1] only %d of %d events acknowledged; statuses %s",
          result.acknowledgedIds().size(), events, result.statuses());
    }
    return result.eventsPerSecond();
  }

  private double perfOnce(ProducerPerformanceBaseline perf, int records, List<String> failures)
      throws Exception {
    long before = context.broker().totalEndOffset(PERF_TOPIC);
    Cpu cpu = Cpu.start(null);
    ProducerPerformanceBaseline.Result result = perf.run(PERF_TOPIC, records);
    cpu.stop(result.acknowledged(), perfCpu);
    long after = context.broker().totalEndOffset(PERF_TOPIC);
    if (after - before != result.acknowledged()) {
      failures.add(
          "row 1 (ProducerPerformance): acknowledged "
              + result.acknowledged()
              + ", on topic "
              + (after - before));
    }
    return result.recordsPerSecond();
  }

  /**
   * Row 2t: what tracing costs producer-service, as row 2 measures it: a producer exporting its
   * spans over OTLP at the shipped 10 % sampling against one with no span recorded (sampling 0; the
   * W3C context still propagates), the two sides alternating per run.
   */
  public RowResult tracingCost(Running traced, Running untraced, OtlpSink sink) throws Exception {
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    if (!options.quick()) {
      Progress.say("[row 2t] warm-up, %d s each", 2 * options.singleWarmup().toSeconds());
      singleOnce(traced, "row 2t (on)", failures, options.singleWarmup(), tracedCpu);
      singleOnce(untraced, "row 2t (off)", failures, options.singleWarmup(), untracedCpu);
    }
    long exportsBefore = sink.requests();
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      double t;
      double u;
      if (rep % 2 == 1) {
        t = singleOnce(traced, "row 2t (on)", failures, options.singleDuration(), tracedCpu);
        u = singleOnce(untraced, "row 2t (off)", failures, options.singleDuration(), untracedCpu);
      } else {
        u = singleOnce(untraced, "row 2t (off)", failures, options.singleDuration(), untracedCpu);
        t = singleOnce(traced, "row 2t (on)", failures, options.singleDuration(), tracedCpu);
      }
      on.add(t);
      off.add(u);
      Progress.say("[row 2t] run %d: tracing on %,.0f requests/s, off %,.0f", rep, t, u);
    }
    long exports = sink.requests() - exportsBefore;
    List<String> notes = new ArrayList<>();
    notes.add(
        "Row 2's load against two more producer-service processes, alternating per run: on ="
            + " management.opentelemetry.tracing.export.otlp.endpoint set to an OTLP/HTTP sink in"
            + " the harness that accepts everything, sampling at the shipped 10 %; off ="
            + " management.tracing.sampling.probability=0 (no span recorded or exported; the W3C"
            + " context still propagates). Row 2's own producer runs as shipped: 10 % of"
            + " requests recorded, no endpoint, nothing exported.");
    notes.add(
        String.format(
            "The sink received %,d export requests (%,d bytes) during the measured runs.",
            exports, sink.bytes()));
    notes.add(
        "CPU per 1,000 acknowledged requests (median): on "
            + cpuNote(measured(tracedCpu), "producer-service")
            + "; off "
            + cpuNote(measured(untracedCpu), "producer-service")
            + ".");
    Samples ratio = Samples.of(on).dividedBy(Samples.of(off));
    RowResult row =
        new RowResult(
            "2t",
            "single-event ingest with traces exported (OTLP, 10 % sampling), against tracing off",
            "req/s",
            Samples.of(on),
            Samples.of(off),
            "tracing off",
            ratio,
            "report",
            exports > 0 ? RowResult.Verdict.REPORT : RowResult.Verdict.FAIL,
            notes);
    if (!failures.isEmpty()) {
      return row.withDataLoss("A run lost or duplicated events: " + String.join("; ", failures));
    }
    return exports > 0 ? row : row.withNote("FAIL: no span reached the OTLP sink.");
  }

  private double singleOnce(List<String> failures, Duration window) throws Exception {
    return singleOnce(producer, "row 2", failures, window, singleCpu);
  }

  /** A closed-loop run against a producer-service; checks the topic holds what it acknowledged. */
  private double singleOnce(
      Running service, String label, List<String> failures, Duration window, List<double[]> cpuRuns)
      throws Exception {
    ClosedLoopLoad load =
        new ClosedLoopLoad(
            service.uri("/api/users"),
            options.singleConnections(),
            201,
            SampleEvents::createUserBody,
            sequence);
    Map<TopicPartition, Long> before = context.broker().endOffsets(BenchContext.TOPIC);
    Cpu cpu = Cpu.start(service);
    ClosedLoopLoad.Result result = load.run(options.singleWarmup(), window);
    cpu.stop(result.acknowledgedTotal(), cpuRuns);
    sequence += result.statuses().values().stream().mapToLong(Long::longValue).sum() + 1;
    Map<TopicPartition, Long> after = context.broker().endOffsets(BenchContext.TOPIC);
    List<String> onTopic = context.topicContents().eventIds(before, after);
    String difference = TopicContents.difference(result.acknowledgedIds(), onTopic);
    if (!difference.isEmpty() || result.acknowledgedIds().size() != result.acknowledgedTotal()) {
      failures.add(
          label
              + ": "
              + difference
              + " (201 answers "
              + result.acknowledgedTotal()
              + ", with an eventId "
              + result.acknowledgedIds().size()
              + "), statuses "
              + result.statuses());
    }
    return result.perSecond();
  }

  /** A closed-loop run against another app (a baseline); its acknowledged requests per second. */
  private double otherOnce(Running app, Duration window, List<double[]> cpuRuns) throws Exception {
    ClosedLoopLoad load =
        new ClosedLoopLoad(
            app.uri("/api/users"),
            options.singleConnections(),
            201,
            SampleEvents::createUserBody,
            sequence);
    Cpu cpu = Cpu.start(app);
    ClosedLoopLoad.Result result = load.run(options.singleWarmup(), window);
    cpu.stop(result.acknowledgedTotal(), cpuRuns);
    sequence += result.statuses().values().stream().mapToLong(Long::longValue).sum() + 1;
    return result.perSecond();
  }
}
