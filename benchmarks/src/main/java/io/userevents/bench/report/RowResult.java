package io.userevents.bench.report;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the results table.
 *
 * @param id the row number of the benchmark issue (1-7), with a suffix where a row has parts
 * @param what what was measured
 * @param unit unit of {@code ours} and {@code baseline}
 * @param ours our path, one value per repetition
 * @param baseline the baseline measured in the same run, or empty where the row has none
 * @param baselineName what the baseline is
 * @param ratio per-repetition ratio ours/baseline, or another derived value the target is on
 * @param target the target, as text
 * @param verdict whether the target was met
 * @param notes verification results and anything a reader needs to interpret the numbers
 */
public record RowResult(
    String id,
    String what,
    String unit,
    Samples ours,
    Samples baseline,
    String baselineName,
    Samples ratio,
    String target,
    Verdict verdict,
    List<String> notes) {

  public RowResult {
    notes = List.copyOf(notes);
  }

  /** Outcome of a row against its target. */
  public enum Verdict {
    PASS,
    FAIL,
    /** Reported only; the row has no target to meet. */
    REPORT,
    /** The row could not run (for example, a service jar is missing). */
    NOT_RUN,
    /** The run lost or duplicated events: the numbers are void. */
    DATA_LOSS
  }

  /** A row that could not be run, with the reason. */
  public static RowResult notRun(String id, String what, String target, String reason) {
    return new RowResult(
        id,
        what,
        "",
        Samples.empty(),
        Samples.empty(),
        "",
        Samples.empty(),
        target,
        Verdict.NOT_RUN,
        List.of(reason));
  }

  /**
   * The note saying what was verified after every run, or, when a run's data check failed, what
   * failed.
   */
  public static String dataCheck(List<String> failures, String verified) {
    return failures.isEmpty() ? verified : "Data check failed: " + String.join("; ", failures);
  }

  /** PASS when the median of {@code ratio} is at least {@code minimum}. */
  public static Verdict atLeast(Samples ratio, double minimum) {
    return !ratio.isEmpty() && ratio.median() >= minimum ? Verdict.PASS : Verdict.FAIL;
  }

  /** PASS when the headline of {@code value} (pooled, else median) is at most {@code maximum}. */
  public static Verdict atMost(Samples value, double maximum) {
    return !value.isEmpty() && value.headline() <= maximum ? Verdict.PASS : Verdict.FAIL;
  }

  /** This row with one more note. */
  public RowResult withNote(String note) {
    return with(what, verdict, note);
  }

  /**
   * This row, or a FAIL when one of its values is not a number: a division by zero or an empty
   * measurement must not pass or be reported as if it were a value.
   */
  public RowResult failingNotANumber() {
    boolean broken = !ours.allFinite() || !baseline.allFinite() || !ratio.allFinite();
    if (!broken || verdict == Verdict.NOT_RUN || verdict == Verdict.DATA_LOSS) {
      return this;
    }
    return with(what, Verdict.FAIL, "FAIL: a measured value is not a number (NaN or infinite).");
  }

  /** This row marked as measured on a busy machine: its numbers are not to be compared. */
  public RowResult notComparable(String why) {
    return with(what + " (not comparable)", verdict, "Not comparable: " + why + ".");
  }

  /** This row marked as having lost data, whatever its numbers say. */
  public RowResult withDataLoss(String note) {
    return with(what, Verdict.DATA_LOSS, note);
  }

  private RowResult with(String newWhat, Verdict newVerdict, String note) {
    return new RowResult(
        id,
        newWhat,
        unit,
        ours,
        baseline,
        baselineName,
        ratio,
        target,
        newVerdict,
        concat(notes, note));
  }

  private static List<String> concat(List<String> list, @Nullable String item) {
    if (item == null) {
      return list;
    }
    var copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
