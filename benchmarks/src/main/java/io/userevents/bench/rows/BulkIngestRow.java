package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.http.BulkIngestLoad;
import io.userevents.bench.kafka.ProducerPerformanceBaseline;
import io.userevents.bench.kafka.TopicContents;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Row 1: producer-service's bulk ingest rate against Kafka's ProducerPerformance (a ceiling). */
public final class BulkIngestRow {

  /** Topic of row 1's ProducerPerformance baseline (same partitions as {@code user-events}). */
  static final String PERF_TOPIC = "bench-producer-performance";

  private final BenchContext context;
  private final HarnessOptions options;
  private final Running producer;
  private final PeakMemory memory;
  private final CpuRuns bulkCpu = new CpuRuns();
  private final CpuRuns perfCpu = new CpuRuns();

  public BulkIngestRow(BenchContext context, Running producer, PeakMemory memory) {
    this.context = context;
    this.options = context.options();
    this.producer = producer;
    this.memory = memory;
  }

  /** Row 1: bulk ingest through {@code POST /api/events} vs ProducerPerformance, acks=all. */
  public RowResult run() throws Exception {
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
            + bulkCpu.note("producer-service", options.repetitions())
            + "; ProducerPerformance "
            + perfCpu.note("", options.repetitions())
            + ".");
    notes.add(
        RowResult.dataCheck(
            failures,
            "Verified after every run: the topic holds exactly the acknowledged events"
                + " (ours: by event id; baseline: by count)."));
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

  private double bulkOnce(int events, List<String> failures) throws Exception {
    BulkIngestLoad load =
        new BulkIngestLoad(
            producer.uri("/api/events"), events, options.bulkBatchSize(), options.bulkClients());
    Map<TopicPartition, Long> before = context.broker().endOffsets(BenchContext.TOPIC);
    CpuRuns.Measurement cpu = bulkCpu.start(producer);
    BulkIngestLoad.Result result = load.run();
    cpu.stop(result.acknowledgedIds().size());
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
    CpuRuns.Measurement cpu = perfCpu.start(null);
    ProducerPerformanceBaseline.Result result = perf.run(PERF_TOPIC, records);
    cpu.stop(result.acknowledged());
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
}
