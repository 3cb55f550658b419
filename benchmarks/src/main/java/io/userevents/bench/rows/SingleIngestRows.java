package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.http.ClosedLoopLoad;
import io.userevents.bench.kafka.TopicContents;
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

/**
 * Rows 2, 2c and 2t: acknowledged {@code POST /api/users} per second on one running
 * producer-service, against its baselines and with tracing exported.
 */
public final class SingleIngestRows {

  private final BenchContext context;
  private final HarnessOptions options;
  private final Running producer;
  private long sequence = 10_000_000;
  private final CpuRuns singleCpu = new CpuRuns();
  private final CpuRuns appCpu = new CpuRuns();
  private final CpuRuns courseCpu = new CpuRuns();
  private final CpuRuns tracedCpu = new CpuRuns();
  private final CpuRuns untracedCpu = new CpuRuns();

  public SingleIngestRows(BenchContext context, Running producer) {
    this.context = context;
    this.options = context.options();
    this.producer = producer;
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
      Progress.say("[row 2] warm-up, %d s each", options.singleLoadBeforeFirstRun().toSeconds());
      singleOnce(failures, options.singleInitialWarmup());
      otherOnce(bareApp, options.singleInitialWarmup(), appCpu);
      otherOnce(courseApp, options.singleInitialWarmup(), courseCpu);
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
            + options.singleLoadBeforeFirstRun().toSeconds()
            + " s of load per side before its first run, "
            + options.singleWarmup().toSeconds()
            + " s warm-up per run, then "
            + options.singleDuration().toSeconds()
            + " s counted; only 201 answers count. Ceiling: a Spring Boot MVC app (same"
            + " Boot/Tomcat/Jackson 3 stack and JVM options) whose POST /api/users parses the same"
            + " body into a record and discards it; the ratio is the fraction of it we reach.");
    notes.add(
        "CPU per 1,000 acknowledged requests (median; each run's warm-up window included): ours "
            + singleCpu.note("producer-service", options.repetitions())
            + "; "
            + appCpu.note("bare app", options.repetitions())
            + "; "
            + courseCpu.note("course producer", options.repetitions())
            + ".");
    notes.add(
        RowResult.dataCheck(
            failures,
            "Verified after every run: the topic holds exactly the acknowledged events (by"
                + " event id)."));
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
      Progress.say("[row 2t] warm-up, %d s each", options.singleLoadBeforeFirstRun().toSeconds());
      singleOnce(traced, "row 2t (on)", failures, options.singleInitialWarmup(), tracedCpu);
      singleOnce(untraced, "row 2t (off)", failures, options.singleInitialWarmup(), untracedCpu);
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
            + tracedCpu.note("producer-service", options.repetitions())
            + "; off "
            + untracedCpu.note("producer-service", options.repetitions())
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
      Running service, String label, List<String> failures, Duration window, CpuRuns cpuRuns)
      throws Exception {
    ClosedLoopLoad load =
        new ClosedLoopLoad(
            service.uri("/api/users"),
            options.singleConnections(),
            201,
            SampleEvents::createUserBody,
            sequence);
    Map<TopicPartition, Long> before = context.broker().endOffsets(BenchContext.TOPIC);
    CpuRuns.Measurement cpu = cpuRuns.start(service);
    ClosedLoopLoad.Result result = load.run(options.singleWarmup(), window);
    cpu.stop(result.acknowledgedTotal());
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
  private double otherOnce(Running app, Duration window, CpuRuns cpuRuns) throws Exception {
    ClosedLoopLoad load =
        new ClosedLoopLoad(
            app.uri("/api/users"),
            options.singleConnections(),
            201,
            SampleEvents::createUserBody,
            sequence);
    CpuRuns.Measurement cpu = cpuRuns.start(app);
    ClosedLoopLoad.Result result = load.run(options.singleWarmup(), window);
    cpu.stop(result.acknowledgedTotal());
    sequence += result.statuses().values().stream().mapToLong(Long::longValue).sum() + 1;
    return result.perSecond();
  }
}
