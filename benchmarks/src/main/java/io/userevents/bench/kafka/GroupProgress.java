package io.userevents.bench.kafka;

import io.userevents.bench.process.CpuTime;
import java.time.Duration;

/**
 * Watches a consumer group's committed offsets to time a drain from outside the consumer process:
 * from the first commit seen (the end of the first batch, so start-up and group join are left out)
 * to the last one seen, when the group reached the end of the topic or the time box ran out.
 *
 * @param firstCommitNanos when a commit was first seen ({@link System#nanoTime()}), -1 if never
 * @param committedAtFirst records covered by that first commit
 * @param lastNanos when the last change was seen
 * @param committedAtLast records committed then
 * @param complete whether the group committed the whole topic
 * @param cpuSeconds CPU the consumer process used between the first and the last commit seen
 */
public record GroupProgress(
    long firstCommitNanos,
    long committedAtFirst,
    long lastNanos,
    long committedAtLast,
    boolean complete,
    double cpuSeconds) {

  /** CPU milliseconds the consumer used per 1,000 records committed. */
  public double cpuMsPerThousand() {
    long records = committedAtLast - committedAtFirst;
    return records > 0 ? cpuSeconds * 1e6 / records : Double.NaN;
  }

  /** Records per second between the first commit and the last one seen. */
  public double rate() {
    if (firstCommitNanos < 0 || lastNanos <= firstCommitNanos) {
      return Double.NaN;
    }
    return (committedAtLast - committedAtFirst) / ((lastNanos - firstCommitNanos) / 1e9);
  }

  /**
   * Polls every {@code interval} until {@code group} committed all {@code total} records, or {@code
   * timeBox} after its first commit, or {@code timeout} in all.
   */
  public static GroupProgress await(
      long consumerPid,
      BenchBroker broker,
      String group,
      String topic,
      long total,
      Duration interval,
      Duration timeBox,
      Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstNanos = -1;
    long firstCommitted = 0;
    long lastNanos = -1;
    long lastCommitted = 0;
    double firstCpu = 0;
    double lastCpu = 0;
    while (System.nanoTime() < deadline) {
      long committed =
          broker.committedOffsets(group, topic).values().stream().mapToLong(Long::longValue).sum();
      long now = System.nanoTime();
      double cpu = CpuTime.seconds(consumerPid);
      if (committed > 0 && firstNanos < 0) {
        firstNanos = now;
        firstCommitted = committed;
        firstCpu = cpu;
      }
      if (committed != lastCommitted) {
        lastNanos = now;
        lastCommitted = committed;
        lastCpu = cpu;
      }
      if (committed >= total) {
        return new GroupProgress(
            firstNanos, firstCommitted, lastNanos, lastCommitted, true, lastCpu - firstCpu);
      }
      if (firstNanos >= 0 && now - firstNanos >= timeBox.toNanos()) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    return new GroupProgress(
        firstNanos, firstCommitted, lastNanos, lastCommitted, false, lastCpu - firstCpu);
  }
}
