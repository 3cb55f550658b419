package io.userevents.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values one measurement took over the repetitions of a row. */
public record Samples(List<Double> values) {

  public Samples {
    values = List.copyOf(values);
  }

  public static Samples of(List<Double> values) {
    return new Samples(values);
  }

  public static Samples empty() {
    return new Samples(List.of());
  }

  public boolean isEmpty() {
    return values.isEmpty();
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
    return new Samples(ratios);
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
