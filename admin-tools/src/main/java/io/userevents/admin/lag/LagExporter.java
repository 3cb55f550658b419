package io.userevents.admin.lag;

import io.userevents.admin.cli.CliException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kafka-admin lag --serve}: reads lag (and the cluster's partition health) every interval on
 * one thread and keeps the latest Prometheus text for {@link MetricsServer}. A round that cannot
 * read the cluster replaces the values by {@code kafka_admin_lag_up 0}: no stale lag is served.
 */
final class LagExporter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LagExporter.class);

  /** The result of the last round. */
  record Snapshot(boolean up, String text, String reason) {}

  private final LagService service;
  private final Function<LagService, List<String>> groups;
  private final Supplier<String> clusterMetrics;
  private final LagThresholds thresholds;
  private final StallTracker stalls;
  private final Clock clock;
  private final ExporterSettings settings;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "kafka-admin-lag");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Snapshot snapshot;
  private long rounds;

  LagExporter(
      LagService service,
      Function<LagService, List<String>> groups,
      Supplier<String> clusterMetrics,
      LagThresholds thresholds,
      Clock clock,
      ExporterSettings settings) {
    this.service = service;
    this.groups = groups;
    this.clusterMetrics = clusterMetrics;
    this.thresholds = thresholds;
    this.stalls = new StallTracker(settings.stallAfter());
    this.clock = clock;
    this.settings = settings;
    this.snapshot = unknown("no round finished yet", 0, 0);
  }

  /** Starts the rounds: the first now, then one every interval. */
  void start() {
    long interval = settings.interval().toMillis();
    scheduler.scheduleAtFixedRate(this::runRound, 0, interval, TimeUnit.MILLISECONDS);
  }

  Snapshot snapshot() {
    return snapshot;
  }

  private void runRound() {
    try {
      snapshot = round();
    } catch (RuntimeException e) {
      log.warn("Lag round failed: {}", e.toString());
      snapshot = unknown(e.toString(), 0, 0);
    }
  }

  /** One round: reads every group once and renders the result. */
  Snapshot round() {
    long started = System.nanoTime();
    rounds++;
    List<GroupLag> lag;
    String cluster;
    try {
      lag = service.lag(groups.apply(service));
      cluster = clusterMetrics.get();
    } catch (KafkaException | CliException e) {
      return unknown(e.getMessage(), seconds(started), 0);
    }
    if (!lag.isEmpty() && lag.stream().allMatch(g -> "UNKNOWN".equals(g.state()))) {
      return unknown(lag.get(0).error(), seconds(started), service.lastTimestampFetches());
    }
    Map<StallTracker.Key, Boolean> stalled = stalls.observe(lag);
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    LagRenderer.prometheus(LagReport.of(lag, thresholds), out);
    stalledGauge(stalled).print(out);
    out.print(cluster);
    exporterGauges(true, seconds(started), service.lastTimestampFetches())
        .forEach(g -> g.print(out));
    out.flush();
    return new Snapshot(true, text.toString(), "");
  }

  private static Gauge stalledGauge(Map<StallTracker.Key, Boolean> stalled) {
    Gauge gauge =
        new Gauge(
            LagRenderer.PREFIX + "stalled",
            "1 when the committed offset stayed the same while records waited, for --stall-after"
                + " rounds.");
    new TreeMap<>(stalled)
        .forEach(
            (key, flag) ->
                gauge.sample(
                    LagRenderer.partitionLabels(key.group(), key.topic(), key.partition()),
                    flag ? 1 : 0));
    return gauge;
  }

  private Snapshot unknown(String reason, double seconds, int fetches) {
    if (rounds > 0 && !Thread.currentThread().isInterrupted()) {
      log.warn("Cluster unreadable, lag UNKNOWN: {}", reason);
    }
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    exporterGauges(false, seconds, fetches).forEach(g -> g.print(out));
    out.flush();
    return new Snapshot(false, text.toString(), reason);
  }

  private List<Gauge> exporterGauges(boolean up, double seconds, int fetches) {
    Gauge upGauge =
        new Gauge(
            "kafka_admin_lag_up",
            "1 when the last round read the cluster; 0: lag UNKNOWN, no group values served.");
    upGauge.sample("", up ? 1 : 0);
    Gauge duration =
        new Gauge("kafka_admin_lag_round_duration_seconds", "How long the last round took.");
    duration.sample("", seconds);
    Gauge fetched =
        new Gauge(
            "kafka_admin_lag_round_timestamp_fetches",
            "Partitions whose record at the committed offset the last round read from the cluster.");
    fetched.sample("", fetches);
    Gauge at =
        new Gauge(
            "kafka_admin_lag_round_timestamp_seconds", "When the last round ended (Unix time).");
    at.sample("", clock.millis() / 1000.0);
    return List.of(upGauge, duration, fetched, at);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(settings.interval().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
