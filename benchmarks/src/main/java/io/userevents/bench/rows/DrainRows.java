package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.ChildJdbcBaseline;
import io.userevents.bench.db.Projection;
import io.userevents.bench.db.ProjectionSchema;
import io.userevents.bench.kafka.ConsumerPerformanceBaseline;
import io.userevents.bench.kafka.GroupProgress;
import io.userevents.bench.noop.NoopSinkClassPath;
import io.userevents.bench.process.CpuTime;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Rows 4 and 5: consumer-service draining a pre-filled {@code user-events} topic, against a plain
 * JDBC batch upsert of the same rows (row 4) and against Kafka's ConsumerPerformance (row 5).
 */
public final class DrainRows {

  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

  private final BenchContext context;
  private final HarnessOptions options;
  private final PeakMemory memory;
  private final List<UserEvent> events = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();

  public DrainRows(BenchContext context, PeakMemory memory) {
    this.context = context;
    this.options = context.options();
    this.memory = memory;
  }

  /** Recreates {@code user-events} and fills it with the events every drain run reads. */
  public void prefill() throws Exception {
    int count = options.drainEvents();
    Progress.say("[rows 4-5] pre-filling %s with %,d events", BenchContext.TOPIC, count);
    context.broker().recreateTopic(BenchContext.TOPIC);
    events.clear();
    eventIds.clear();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            context.broker().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    try (KafkaProducer<String, UserEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), new UserEventSerializer())) {
      for (int i = 0; i < count; i++) {
        UserEvent event = SampleEvents.created(i);
        events.add(event);
        eventIds.add(event.eventId());
        producer.send(new ProducerRecord<>(BenchContext.TOPIC, event.userId(), event));
      }
      producer.flush();
    }
    long onTopic = context.broker().totalEndOffset(BenchContext.TOPIC);
    if (onTopic != count) {
      throw new IllegalStateException("pre-fill wrote " + onTopic + " records, not " + count);
    }
  }

  /** Row 4, for PostgreSQL (when the server is up) and H2. */
  public List<RowResult> projectionDrain() throws Exception {
    List<RowResult> rows = new ArrayList<>();
    if (BenchDatabase.postgresAvailable()) {
      rows.add(drainRow(BenchDatabase.Kind.POSTGRESQL, "4a"));
    } else {
      rows.add(
          RowResult.notRun(
              "4a",
              "projection drain into PostgreSQL",
              "ratio >= 0.60",
              "PostgreSQL at 127.0.0.1:5432 not up"));
    }
    rows.add(drainRow(BenchDatabase.Kind.H2, "4b"));
    return rows;
  }

  private RowResult drainRow(BenchDatabase.Kind kind, String id) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> perRun = new ArrayList<>();
    List<Double> oneThread = new ArrayList<>();
    int threads = options.consumerConcurrency();
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      Drained drained;
      try (BenchDatabase db = BenchDatabase.create(kind, context.workDir())) {
        drained = drainOnce(db, new Projection(db), rep, failures);
      }
      // The baseline writes as many rows as the service applied in this run, into a fresh
      // database made by the service's own migrations, as the service got one.
      List<UserEvent> same = events.subList(0, (int) drained.applied());
      double b = baselineOnce(kind, same, threads, rep, failures);
      double b1 = baselineOnce(kind, same, 1, rep, failures);
      ours.add(drained.rate());
      baseline.add(b);
      oneThread.add(b1);
      perRun.add(
          String.format(
              "run %d: %,d events applied (%s), %,.0f/s by offset commits, %,.0f/s by apply"
                  + " times, consumer-service CPU %.0f ms per 1,000 events; baseline with 1"
                  + " thread %,.0f/s",
              rep,
              drained.applied(),
              drained.complete() ? "all" : "time box",
              drained.rate(),
              drained.rateByApplyTimes(),
              drained.cpuMs(),
              b1));
      Progress.say(
          "[row %s] run %d: ours %,.0f events/s, JDBC batch upsert %,.0f (%d threads), %,.0f (1"
              + " thread)",
          id, rep, drained.rate(), b, threads, b1);
    }
    notes.add(
        String.format(
            "%,d events pre-filled on a topic of 3 partitions (lz4, as producer-service writes"
                + " them); each run starts consumer-service (its own jar, default settings) on a"
                + " fresh %s database and times it from its first offset commit to the last (group"
                + " offsets polled every 20 ms; start-up left out), for at most %d s. Baseline: the"
                + " same number of rows (users upsert + processed_events insert) written with plain"
                + " JDBC batches of 1,000 per transaction (consumer-service polls up to 1,000) by"
                + " %d threads, one connection each (consumer-service's listener concurrency), into"
                + " a fresh database made by consumer-service's own Flyway migrations (as the"
                + " service gets one), no Kafka, in a JVM of its own with the services' JVM options"
                + " (H2 runs inside the JVM that writes to it); each thread takes and decodes the"
                + " next 1,000 encoded events, and the rate is over the wall time of all threads."
                + " The same baseline with 1 thread, each run on a fresh database too, is in the"
                + " per-run values (median %,.0f events/s).",
            events.size(),
            kind == BenchDatabase.Kind.H2 ? "H2 file" : "PostgreSQL",
            options.drainTimeBox().toSeconds(),
            threads,
            Samples.of(oneThread).median()));
    notes.add(String.join("; ", perRun) + ".");
    notes.add(
        failures.isEmpty()
            ? "Verified after every run: after a graceful stop every committed event is in"
                + " processed_events exactly once (rows >= committed offsets, each row a distinct"
                + " pre-filled event, one users row each)."
            : "Data check failed: " + String.join("; ", failures));
    Samples ratio = Samples.of(ours).dividedBy(Samples.of(baseline));
    RowResult row =
        new RowResult(
            id,
            "projection drain into " + (kind == BenchDatabase.Kind.H2 ? "H2" : "PostgreSQL"),
            "events/s",
            Samples.of(ours),
            Samples.of(baseline),
            "JDBC batch upsert, " + threads + " threads",
            ratio,
            "ratio >= 0.60",
            RowResult.atLeast(ratio, 0.60),
            notes);
    return failures.isEmpty() ? row : row.withDataLoss("A run lost or duplicated events.");
  }

  /**
   * The JDBC baseline once, on a fresh database with the service's schema; its rate, events per
   * second.
   */
  private double baselineOnce(
      BenchDatabase.Kind kind, List<UserEvent> same, int threads, int rep, List<String> failures)
      throws Exception {
    try (BenchDatabase db = BenchDatabase.create(kind, context.workDir())) {
      ProjectionSchema.apply(db, context.services().consumerJar());
      double rate =
          new ChildJdbcBaseline(options.serviceJvmOptions(), context.workDir())
              .write(db, same, 1000, threads);
      long written = new Projection(db).processedEvents();
      if (written != same.size()) {
        failures.add(
            String.format(
                "baseline run %d (%d threads) wrote %d of %d", rep, threads, written, same.size()));
      }
      return rate;
    }
  }

  /** What one drain run did. */
  private record Drained(
      double rate, double rateByApplyTimes, long applied, boolean complete, double cpuMs) {}

  private Drained drainOnce(BenchDatabase db, Projection projection, int rep, List<String> failures)
      throws Exception {
    context.broker().deleteGroup(BenchContext.GROUP);
    GroupProgress progress;
    try (Running consumer =
        context
            .services()
            .consumer(db, List.of("--spring.kafka.consumer.auto-offset-reset=earliest"))) {
      progress = awaitDrain(consumer);
      memory.consumer(consumer.process().peakRssMb());
    }
    // Stopped gracefully: what is committed must be applied; applied may run ahead of committed
    // (redelivery is deduplicated), never behind.
    long committed = committedTotal();
    long processed = projection.processedEvents();
    long users = projection.users();
    Set<String> applied = projection.eventIds();
    long unknown = applied.stream().filter(id -> !eventIds.contains(id)).count();
    if (processed < committed
        || users != processed
        || applied.size() != processed
        || unknown > 0
        || (progress.complete() && processed != events.size())) {
      failures.add(
          String.format(
              "run %d: %d committed, %d in processed_events (%d distinct, %d not pre-filled),"
                  + " %d users",
              rep, committed, processed, applied.size(), unknown, users));
    }
    return new Drained(
        progress.rate(),
        projection.drainRate(),
        processed,
        progress.complete(),
        progress.cpuMsPerThousand());
  }

  private GroupProgress awaitDrain(Running consumer) throws Exception {
    return GroupProgress.await(
        consumer.process().pid(),
        context.broker(),
        BenchContext.GROUP,
        BenchContext.TOPIC,
        events.size(),
        Duration.ofMillis(20),
        options.drainTimeBox(),
        DRAIN_TIMEOUT);
  }

  private long committedTotal() throws Exception {
    return context
        .broker()
        .committedOffsets(BenchContext.GROUP, BenchContext.TOPIC)
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /**
   * Rows 5 and 5c: the listener with a no-op sink against ConsumerPerformance on the same topic (a
   * ceiling: it counts bytes) and against the course's consumer (what a user would write instead).
   */
  public List<RowResult> consumerOverhead() throws Exception {
    Path noopSink = NoopSinkClassPath.create(context.workDir());
    ConsumerPerformanceBaseline perf =
        new ConsumerPerformanceBaseline(context.broker().bootstrapServers());
    perf.run(BenchContext.TOPIC, "bench-consumer-performance-warmup", events.size());
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
          perf.run(BenchContext.TOPIC, "bench-consumer-performance-" + rep, events.size());
      perfCpu.add(
          (CpuTime.harnessSeconds() - harnessBefore) * 1e6 / Math.max(1, result.messages()));
      if (result.messages() != events.size()) {
        failures.add(
            "ConsumerPerformance run "
                + rep
                + " read "
                + result.messages()
                + " of "
                + events.size());
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
            events.size(), options.drainTimeBox().toSeconds()));
    notes.add(
        String.format(
            "CPU per 1,000 records (median): ours consumer-service %.0f ms (broker not included);"
                + " ConsumerPerformance %.0f ms for the harness JVM (tool and broker together).",
            Samples.of(ourCpu).median(), Samples.of(perfCpu).median()));
    notes.add(
        failures.isEmpty()
            ? "Verified after every run: ConsumerPerformance read every record; ours committed"
                + " progress and wrote nothing to the database."
            : "Data check failed: " + String.join("; ", failures));
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
                    options.consumerConcurrency(), Samples.of(courseCpu).median())));
    if (!failures.isEmpty()) {
      row = row.withDataLoss("A run did not consume every record.");
      row5c = row5c.withDataLoss("A run did not consume every record.");
    }
    return List.of(row, row5c);
  }

  /** The course's consumer draining the topic once, in a group of its own. */
  private GroupProgress courseDrainOnce(int rep, List<String> failures) throws Exception {
    String group = "bench-course-consumer-" + rep;
    try (Running course = context.services().courseConsumer(group, options.consumerConcurrency())) {
      GroupProgress progress =
          GroupProgress.await(
              course.process().pid(),
              context.broker(),
              group,
              BenchContext.TOPIC,
              events.size(),
              Duration.ofMillis(20),
              options.drainTimeBox(),
              DRAIN_TIMEOUT);
      if (progress.committedAtLast() <= progress.committedAtFirst()) {
        failures.add(
            String.format(
                "course consumer run %d: committed %d of %d",
                rep, progress.committedAtLast(), events.size()));
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
        progress = awaitDrain(consumer);
        if (!consumer.process().tail(10_000).contains("BENCH no-op sink")) {
          failures.add("run " + rep + ": the no-op sink was not installed");
        }
      }
      long written = new Projection(db).processedEvents();
      if (progress.committedAtLast() <= progress.committedAtFirst() || written != 0) {
        failures.add(
            String.format(
                "run %d: committed %d of %d, %d rows written by a no-op sink",
                rep, progress.committedAtLast(), events.size(), written));
      }
      return progress;
    }
  }
}
