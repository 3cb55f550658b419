package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.Progress;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.db.ChildJdbcBaseline;
import io.userevents.bench.db.Projection;
import io.userevents.bench.db.ProjectionSchema;
import io.userevents.bench.kafka.GroupProgress;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import io.userevents.model.UserEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Row 4: consumer-service draining the pre-filled {@code user-events} topic into its database,
 * against a plain JDBC batch upsert of the same rows.
 */
public final class ProjectionDrainRows {

  private final BenchContext context;
  private final HarnessOptions options;
  private final DrainTopic topic;
  private final PeakMemory memory;

  public ProjectionDrainRows(BenchContext context, DrainTopic topic, PeakMemory memory) {
    this.context = context;
    this.options = context.options();
    this.topic = topic;
    this.memory = memory;
  }

  /** Row 4, for PostgreSQL (when the server is up) and H2. */
  public List<RowResult> run() throws Exception {
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
    // consumer-service's default on each database (ProjectionStore.defaultConcurrency)
    int threads = options.consumerConcurrency(kind == BenchDatabase.Kind.H2 ? 1 : 3);
    for (int rep = 1; rep <= options.repetitions(); rep++) {
      Drained drained;
      try (BenchDatabase db = BenchDatabase.create(kind, context.workDir())) {
        drained = drainOnce(db, new Projection(db), rep, failures);
      }
      // The baseline writes as many rows as the service applied in this run, into a fresh
      // database made by the service's own migrations, as the service got one.
      List<UserEvent> same = topic.events().subList(0, (int) drained.applied());
      double b = baselineOnce(kind, same, threads, rep, failures);
      ours.add(drained.rate());
      baseline.add(b);
      // With several threads, the same baseline with one thread too: H2 and PostgreSQL differ in
      // what more writers give.
      String oneThreadRun = "";
      String oneThreadProgress = "";
      if (threads > 1) {
        double b1 = baselineOnce(kind, same, 1, rep, failures);
        oneThread.add(b1);
        oneThreadRun = String.format("; baseline with 1 thread %,.0f/s", b1);
        oneThreadProgress = String.format(", %,.0f (1 thread)", b1);
      }
      perRun.add(
          String.format(
              "run %d: %,d events applied (%s), %,.0f/s by offset commits, %,.0f/s by apply"
                  + " times, consumer-service CPU %.0f ms per 1,000 events%s",
              rep,
              drained.applied(),
              drained.complete() ? "all" : "time box",
              drained.rate(),
              drained.rateByApplyTimes(),
              drained.cpuMs(),
              oneThreadRun));
      Progress.say(
          "[row %s] run %d: ours %,.0f events/s, JDBC batch upsert %,.0f (%s)%s",
          id, rep, drained.rate(), b, threads(threads), oneThreadProgress);
    }
    notes.add(
        String.format(
            "%,d events pre-filled on a topic of 3 partitions (lz4, as producer-service writes"
                + " them); each run starts consumer-service (its own jar, default settings) on a"
                + " fresh %s database and times it from its first offset commit to the last (group"
                + " offsets polled every 20 ms; start-up left out), for at most %d s. Baseline: the"
                + " same number of rows (users upsert + processed_events insert) written with plain"
                + " JDBC batches of 1,000 per transaction (consumer-service polls up to 1,000) by"
                + " %s (consumer-service's listener threads on this database), one connection"
                + " each, into"
                + " a fresh database made by consumer-service's own Flyway migrations (as the"
                + " service gets one), no Kafka, in a JVM of its own with the services' JVM options"
                + " (H2 runs inside the JVM that writes to it); each thread takes and decodes the"
                + " next 1,000 encoded events, and the rate is over the wall time of all threads.%s",
            topic.size(),
            kind == BenchDatabase.Kind.H2 ? "H2 file" : "PostgreSQL",
            options.drainTimeBox().toSeconds(),
            threads(threads),
            oneThread.isEmpty()
                ? ""
                : String.format(
                    " The same baseline with 1 thread, each run on a fresh database too, is in"
                        + " the per-run values (median %,.0f events/s).",
                    Samples.of(oneThread).median())));
    notes.add(String.join("; ", perRun) + ".");
    notes.add(
        RowResult.dataCheck(
            failures,
            "Verified after every run: after a graceful stop every committed event is in"
                + " processed_events exactly once (rows >= committed offsets, each row a distinct"
                + " pre-filled event, one users row each)."));
    Samples ratio = Samples.of(ours).dividedBy(Samples.of(baseline));
    RowResult row =
        new RowResult(
            id,
            "projection drain into " + (kind == BenchDatabase.Kind.H2 ? "H2" : "PostgreSQL"),
            "events/s",
            Samples.of(ours),
            Samples.of(baseline),
            "JDBC batch upsert, " + threads(threads),
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

  private static String threads(int count) {
    return count == 1 ? "1 thread" : count + " threads";
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
      progress = topic.awaitDrain(consumer, BenchContext.GROUP);
      memory.consumer(consumer.process().peakRssMb());
    }
    // Stopped gracefully: what is committed must be applied; applied may run ahead of committed
    // (redelivery is deduplicated), never behind.
    long committed = topic.committedTotal();
    long processed = projection.processedEvents();
    long users = projection.users();
    Set<String> applied = projection.eventIds();
    long unknown = applied.stream().filter(id -> !topic.holds(id)).count();
    if (processed < committed
        || users != processed
        || applied.size() != processed
        || unknown > 0
        || (progress.complete() && processed != topic.size())) {
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
}
