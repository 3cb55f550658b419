package io.userevents.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole harness run: its rows and the facts needed to read them.
 *
 * @param mode {@code quick} or {@code full}
 * @param startedAt when the run started
 * @param duration how long it took
 * @param machine the machine and JVM of the harness
 * @param loadAtStart load average when the run started
 * @param loadAtEnd load average when it ended
 * @param settings the knobs of this run (counts, durations, JVM options of the services)
 * @param rows the results, in table order
 */
public record RunReport(
    String mode,
    Instant startedAt,
    Duration duration,
    MachineFacts machine,
    String loadAtStart,
    String loadAtEnd,
    Map<String, String> settings,
    List<RowResult> rows) {

  public RunReport {
    settings = Map.copyOf(settings);
    rows = List.copyOf(rows);
  }
}
