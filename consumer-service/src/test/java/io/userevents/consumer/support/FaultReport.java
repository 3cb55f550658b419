package io.userevents.consumer.support;

/**
 * The counts every fault test prints: events sent, acknowledged by the broker, found in the
 * projection's idempotency log, lost (acknowledged but not found), and duplicated (took effect more
 * often than they were found). {@code effects} must come from counters that moved once per
 * application (the applied/stale counters, user-row writes) and be read after they settled: a test
 * then requires {@link #lost()}, {@link #duplicated()} and {@link #unreported()} to be zero, so one
 * event applied twice fails it.
 */
public record FaultReport(
    String test, long sent, long acknowledged, long found, long effects, String extra) {

  public long lost() {
    return acknowledged - found;
  }

  public long duplicated() {
    return Math.max(0, effects - found);
  }

  public long unreported() {
    return Math.max(0, found - effects);
  }

  /** Prints the counts on one line and returns this report. */
  public FaultReport print() {
    System.out.printf(
        "[%s] sent=%d acknowledged=%d found=%d lost=%d duplicated=%d %s%n",
        test,
        sent,
        acknowledged,
        found,
        lost(),
        duplicated(),
        unreported() == 0 ? extra : extra + " (commits not reported: " + unreported() + ")");
    return this;
  }
}
