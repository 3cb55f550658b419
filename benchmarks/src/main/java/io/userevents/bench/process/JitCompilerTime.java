package io.userevents.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time the JIT compiler threads of a JVM have used, from {@code /proc/<pid>/task/*}: what tells
 * whether a service under load is still compiling its hot code. On 2 cores a JVM that compiles
 * takes most of a core from the pipeline it is meant to measure.
 */
public final class JitCompilerTime {

  private JitCompilerTime() {}

  /**
   * CPU seconds used so far by the C1 and C2 compiler threads of {@code pid} that are alive now (a
   * thread the JVM retires takes its time with it), or NaN when unknown.
   */
  public static double seconds(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      return threads.mapToLong(JitCompilerTime::compilerTicks).sum() / CpuTime.TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
        return 0;
      }
      return CpuTime.ticks(stat);
    } catch (IOException | RuntimeException e) {
      return 0; // the thread ended while it was read
    }
  }
}
