package io.userevents.admin.dlt;

import java.util.function.LongSupplier;

/** Keeps sends at or below a rate by pacing them evenly; no-op when the rate is unlimited. */
final class Throttle {

  /** Sleeps the given nanoseconds. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final double perSecond;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long start = -1;
  private long permits;

  Throttle(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  static Throttle unlimited() {
    return new Throttle(0, System::nanoTime, nanos -> {});
  }

  static Throttle perSecond(double rate) {
    return new Throttle(
        rate,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /** Waits until one more send stays within the rate. */
  void acquire() throws InterruptedException {
    if (perSecond <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (start < 0) {
      start = now;
    }
    long due = start + (long) (permits * 1_000_000_000L / perSecond);
    permits++;
    if (due > now) {
      sleeper.sleep(due - now);
    }
  }
}
