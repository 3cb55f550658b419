package io.userevents.admin.lag;

import org.jspecify.annotations.Nullable;

/** Lag arithmetic, free of I/O. */
final class LagMath {

  private LagMath() {}

  /**
   * Records behind: log end offset minus committed offset, exactly as {@code
   * kafka-consumer-groups.sh --describe} computes it (not clamped), or {@code null} when either
   * offset is unknown.
   */
  static @Nullable Long offsetLag(@Nullable Long committed, @Nullable Long logEnd) {
    if (committed == null || committed < 0 || logEnd == null || logEnd < 0) {
      return null;
    }
    return logEnd - committed;
  }

  /**
   * Time lag: now minus the timestamp of the next record the group would read (the one at the
   * committed offset). 0 when caught up, {@code null} when the timestamp is unknown; never negative
   * (producer clocks may run ahead).
   */
  static @Nullable Long timeLagMillis(
      @Nullable Long offsetLag, @Nullable Long nextRecordTimestamp, long nowMillis) {
    if (offsetLag != null && offsetLag <= 0) {
      return 0L;
    }
    if (offsetLag == null || nextRecordTimestamp == null || nextRecordTimestamp < 0) {
      return null;
    }
    return Math.max(0L, nowMillis - nextRecordTimestamp);
  }
}
