package io.userevents.bench.http;

import java.time.Instant;

/**
 * One clock for every latency the harness takes: epoch microseconds read from the monotonic clock,
 * anchored once, so that a send time and a "visible" time taken on different threads can be
 * subtracted.
 */
public final class Micros {

  private static final long ANCHOR_NANOS = System.nanoTime();
  private static final long ANCHOR_MICROS = epochMicros(Instant.now());

  private Micros() {}

  /** Now, in epoch microseconds on the monotonic clock. */
  public static long now() {
    return at(System.nanoTime());
  }

  /** The epoch microseconds of a {@link System#nanoTime()} reading. */
  public static long at(long nanoTime) {
    return ANCHOR_MICROS + (nanoTime - ANCHOR_NANOS) / 1_000;
  }

  private static long epochMicros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
