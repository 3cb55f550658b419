package io.userevents.admin.lag;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** One gauge family and its samples in the Prometheus text format 0.0.4. */
final class Gauge {
  private final String name;
  private final String help;
  private final List<String> samples = new ArrayList<>();

  Gauge(String name, String help) {
    this.name = name;
    this.help = help;
  }

  /** Adds a sample; an unknown value is left out. */
  void sample(String labels, @Nullable Number value) {
    if (value != null) {
      samples.add(name + (labels.isEmpty() ? "" : "{" + labels + "}") + " " + format(value));
    }
  }

  /** Prints the family; one without samples prints nothing. */
  void print(PrintWriter out) {
    if (samples.isEmpty()) {
      return;
    }
    out.println("# HELP " + name + " " + help);
    out.println("# TYPE " + name + " gauge");
    samples.forEach(out::println);
  }

  private static String format(Number value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.3f", d);
    }
    return value.toString();
  }
}
