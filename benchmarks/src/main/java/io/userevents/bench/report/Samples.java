package io.userevents.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values one measurement took over the repetitions of a row.
 *
 * @param values one value per repetition
 * @param pooled the value over all repetitions' samples together (a percentile of the runs' merged
 *     histograms), or null where the row reports the median of the repetitions
 */
public record Samples(List<Double> values, @Nullable Double pooled) {

  public Samples {
    values = List.copyOf(values);
  }

  public static Samples of(List<Double> values) {
    return new Samples(values, null);
  }

  /** A percentile of the pooled samples of all runs, with each run's own value. */
  public static Samples pooled(double pooled, List<Double> runs) {
    return new Samples(runs, pooled);
  }

  public static Samples empty() {
    return new Samples(List.of(), null);
  }

  /** What the row's target is checked against: the pooled value, else the median. */
  public double headline() {
    return pooled != null ? pooled : median();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Whether every value is a finite number (no NaN, no infinity). */
  public boolean allFinite() {
    return values.stream().allMatch(Double::isFinite)
        && (pooled == null || Double.isFinite(pooled));
  }

  public double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return values.isEmpty() ? Double.NaN : Collections.min(values);
  }

  public double max() {
    return values.isEmpty() ? Double.NaN : Collections.max(values);
  }

  /** Element-wise {@code this[i] / other[i]}: the ratio of each repetition's pair. */
  public Samples dividedBy(Samples other) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
      ratios.add(values.get(i) / other.values.get(i));
    }
    return Samples.of(ratios);
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
