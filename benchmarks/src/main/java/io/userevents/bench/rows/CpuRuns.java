package io.userevents.bench.rows;

import io.userevents.bench.process.CpuTime;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.report.Samples;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CPU used per 1,000 events by one side of a row: its service process and the harness JVM (broker
 * and load), one entry per run.
 */
final class CpuRuns {

  private final List<double[]> runs = new ArrayList<>();

  /** Starts measuring one run of {@code service}; {@code null} measures the harness JVM alone. */
  Measurement start(@Nullable Running service) {
    return new Measurement(
        service,
        service == null ? 0 : CpuTime.seconds(service.process().pid()),
        CpuTime.harnessSeconds());
  }

  /**
   * Median CPU ms per 1,000 events of the last {@code repetitions} runs (the measured ones, without
   * a warm-up round): "service x + harness y".
   */
  String note(String service, int repetitions) {
    List<double[]> measured = runs.subList(Math.max(0, runs.size() - repetitions), runs.size());
    if (measured.isEmpty()) {
      return "-";
    }
    Samples s = Samples.of(measured.stream().map(r -> r[0]).toList());
    Samples h = Samples.of(measured.stream().map(r -> r[1]).toList());
    return (service.isEmpty() ? "" : String.format("%s %.0f ms + ", service, s.median()))
        + String.format("harness JVM (broker, clients) %.0f ms", h.median());
  }

  /** One run being measured. */
  final class Measurement {
    private final @Nullable Running service;
    private final double serviceStart;
    private final double harnessStart;

    private Measurement(@Nullable Running service, double serviceStart, double harnessStart) {
      this.service = service;
      this.serviceStart = serviceStart;
      this.harnessStart = harnessStart;
    }

    /** Ends the run that handled {@code events} and records its CPU per 1,000 events. */
    void stop(long events) {
      double serviceSeconds =
          service == null ? 0 : CpuTime.seconds(service.process().pid()) - serviceStart;
      double harnessSeconds = CpuTime.harnessSeconds() - harnessStart;
      if (events > 0) {
        runs.add(new double[] {serviceSeconds * 1e6 / events, harnessSeconds * 1e6 / events});
      }
    }
  }
}
