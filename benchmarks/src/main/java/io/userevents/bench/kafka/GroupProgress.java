package io.userevents.bench.kafka;

import java.time.Duration;

/**
 * Watches a consumer group's committed offsets until it has committed a whole topic, to time a
 * drain from outside the consumer process.
 *
 * @param firstCommitNanos when a commit was first seen ({@link System#nanoTime()})
 * @param committedAtFirst how many records that first commit covered
 * @param doneNanos when the committed offsets reached the end of the topic
 * @param complete whether they did before the timeout
 */
public record GroupProgress(
    long firstCommitNanos, long committedAtFirst, long doneNanos, boolean complete) {

  /**
   * Records per second after the first commit: the records committed from then on over the time it
   * took. The first commit marks the end of the first batch, so start-up and group join are left
   * out.
   */
  public double rate(long total) {
    return (total - committedAtFirst) / ((doneNanos - firstCommitNanos) / 1e9);
  }

  /** Polls every {@code interval} until {@code group} committed all {@code total} records. */
  public static GroupProgress await(
      BenchBroker broker,
      String group,
      String topic,
      long total,
      Duration interval,
      Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstNanos = -1;
    long firstCommitted = 0;
    while (System.nanoTime() < deadline) {
      long committed =
          broker.committedOffsets(group, topic).values().stream().mapToLong(Long::longValue).sum();
      long now = System.nanoTime();
      if (committed > 0 && firstNanos < 0) {
        firstNanos = now;
        firstCommitted = committed;
      }
      if (committed >= total) {
        return new GroupProgress(firstNanos, firstCommitted, now, true);
      }
      Thread.sleep(interval.toMillis());
    }
    return new GroupProgress(firstNanos, firstCommitted, System.nanoTime(), false);
  }
}
