package io.userevents.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The latency histograms of a row's runs (microseconds): percentiles over all runs' samples
 * together for the headline, each run's own beside them.
 */
public final class PooledLatency {

  /** Highest latency recorded: an hour, in microseconds. */
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final List<Histogram> runs = new ArrayList<>();

  /** A new, empty histogram for one run, to fill and then {@link #add}. */
  public static Histogram newRun() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  public void add(Histogram run) {
    runs.add(run);
  }

  /**
   * The percentile in milliseconds, pooled, with each run's value; NaN where a run recorded
   * nothing, so that the row fails instead of reporting 0.
   */
  public Samples percentileMs(double percentile) {
    Histogram pooled = newRun();
    List<Double> each = new ArrayList<>();
    for (Histogram run : runs) {
      pooled.add(run);
      each.add(ms(run, percentile));
    }
    return Samples.pooled(ms(pooled, percentile), each);
  }

  /** Samples recorded over all runs. */
  public long count() {
    return runs.stream().mapToLong(Histogram::getTotalCount).sum();
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
