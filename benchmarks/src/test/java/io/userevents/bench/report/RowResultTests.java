package io.userevents.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.bench.report.RowResult.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowResultTests {

  private static RowResult row(List<Double> ours, List<Double> baseline, Verdict verdict) {
    Samples o = Samples.of(ours);
    Samples b = Samples.of(baseline);
    return new RowResult("9", "x", "/s", o, b, "b", o.dividedBy(b), "t", verdict, List.of());
  }

  @Test
  void aRowWithANotANumberRatioFailsEvenWhenItsMedianPassed() {
    RowResult row = row(List.of(1.0, 2.0, 3.0), List.of(1.0, 0.0, 1.0), Verdict.PASS);

    assertThat(row.failingNotANumber().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(row.failingNotANumber().notes()).anyMatch(note -> note.contains("not a number"));
  }

  @Test
  void aReportedRowWithANotANumberValueFails() {
    RowResult row = row(List.of(Double.NaN), List.of(), Verdict.REPORT);

    assertThat(row.failingNotANumber().verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void aRowOfNumbersKeepsItsVerdict() {
    RowResult row = row(List.of(1.0, 2.0), List.of(2.0, 2.0), Verdict.PASS);

    assertThat(row.failingNotANumber()).isEqualTo(row);
  }

  @Test
  void aRowFromABusyMachineSaysSoInItsName() {
    RowResult row = row(List.of(1.0), List.of(2.0), Verdict.FAIL).notComparable("load 3.0");

    assertThat(row.what()).endsWith("(not comparable)");
    assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
  }
}
