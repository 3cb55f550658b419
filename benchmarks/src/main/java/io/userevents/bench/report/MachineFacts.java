package io.userevents.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on. */
public record MachineFacts(
    int cores, String cpu, long memoryMb, String jvm, String os, String loadAverage) {

  /** The facts of this machine and JVM, now. */
  public static MachineFacts current() {
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        totalMemoryMb(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} shows them. */
  public static String currentLoadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The 1 minute load average, or -1 when unknown. */
  public static double loadAverage1m() {
    try {
      return Double.parseDouble(currentLoadAverage().split(" ")[0]);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String cpuModel() {
    return readLines("/proc/cpuinfo").stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse(System.getProperty("os.arch"));
  }

  private static long totalMemoryMb() {
    return readLines("/proc/meminfo").stream()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
        .findFirst()
        .orElse(Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static List<String> readLines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
