package io.userevents.bench;

/**
 * Whether the machine is quiet enough for a full run: one whose 1-minute load average at its start
 * is above {@link HarnessOptions#MAX_LOAD_PER_CORE} per core does not start, unless forced; a
 * forced one is marked not comparable. Quick runs (a smoke test, not numbers) always start.
 *
 * @param refuse the run must not start
 * @param comparable the run's numbers may be quoted and compared with other runs
 * @param message what to tell the user (empty when the machine is quiet)
 */
public record LoadGuard(boolean refuse, boolean comparable, String message) {

  /** The verdict for a run with {@code options} at a 1-minute load average of {@code load1m}. */
  public static LoadGuard check(HarnessOptions options, double load1m, int cores) {
    double limit = HarnessOptions.MAX_LOAD_PER_CORE * cores;
    if (options.quick() || load1m <= limit) {
      return new LoadGuard(false, true, "");
    }
    String busy =
        String.format(
            "the 1-minute load average is %.2f on %d cores, above %.1f per core",
            load1m, cores, HarnessOptions.MAX_LOAD_PER_CORE);
    if (options.force()) {
      return new LoadGuard(
          false, false, busy + "; run forced (--force): every row is marked not comparable");
    }
    return new LoadGuard(
        true,
        false,
        "Not starting a full run: "
            + busy
            + ". Wait until the machine is idle, or pass --force (every row is then marked not"
            + " comparable).");
  }
}
