package io.userevents.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used, from {@code /proc/<pid>/stat}: what tells where a
 * side-by-side run spent the machine, when the wall-clock rate alone does not.
 */
public final class CpuTime {

  /** Linux's USER_HZ, the unit of the stat counters (100 on every mainstream kernel). */
  static final double TICKS_PER_SECOND = 100.0;

  private CpuTime() {}

  /** CPU seconds used so far by {@code pid}, or NaN when unknown. */
  public static double seconds(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
          / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** User + system ticks in a {@code stat} line of a process or one of its threads. */
  static long ticks(String stat) {
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** CPU seconds used so far by this JVM (the harness, its broker and its load generators). */
  public static double harnessSeconds() {
    return seconds(ProcessHandle.current().pid());
  }
}
