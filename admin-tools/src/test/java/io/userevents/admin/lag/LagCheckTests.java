package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.cli.CheckStatus;
import io.userevents.admin.lag.PartitionLag.PartitionState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LagCheckTests {

  private static PartitionLag partition(Long lag, Long lagMillis, PartitionState state) {
    return new PartitionLag("g", "t", 0, 4L, 10L, lag, lagMillis, null, null, null, state, null);
  }

  private static LagThresholds thresholds(
      String warnLag, String critLag, String warnS, String critS) {
    return new LagThresholds(parse(warnLag), parse(critLag), parse(warnS), parse(critS));
  }

  private static Long parse(String value) {
    return value == null || value.isBlank() ? null : Long.valueOf(value);
  }

  @ParameterizedTest(name = "lag {0}, {1} ms with warn-lag={2} crit-lag={3} warn-s={4} crit-s={5}")
  @CsvSource({
    "6, 90000, , , , , OK",
    "6, 90000, 6, , , , OK",
    "6, 90000, 5, , , , WARNING",
    "6, 90000, 5, 6, , , WARNING",
    "6, 90000, 1, 5, , , CRITICAL",
    "6, 90000, , , 89, , WARNING",
    "6, 90000, , , 60, 89, CRITICAL",
    "6, 90000, , , , 90, OK",
    "6, 90000, 1, , , 60, CRITICAL",
  })
  void judgesAPartitionAgainstThresholds(
      long lag,
      long millis,
      String warnLag,
      String critLag,
      String warnSeconds,
      String critSeconds,
      CheckStatus expected) {
    assertThat(
            LagCheck.evaluate(
                partition(lag, millis, PartitionState.OK),
                thresholds(warnLag, critLag, warnSeconds, critSeconds)))
        .isEqualTo(expected);
  }

  @Test
  void unknownOffsetsAreUnknownAndMissingCommitsAreNotJudged() {
    LagThresholds strict = thresholds("0", "0", "0", "0");

    assertThat(LagCheck.evaluate(partition(null, null, PartitionState.UNKNOWN), strict))
        .isEqualTo(CheckStatus.UNKNOWN);
    assertThat(LagCheck.evaluate(partition(null, null, PartitionState.NO_COMMIT), strict))
        .isEqualTo(CheckStatus.OK);
  }

  @Test
  void missingTimeLagIsUnknownOnlyWhenASecondsThresholdNeedsIt() {
    PartitionLag noTimestamp = partition(6L, null, PartitionState.OK);

    assertThat(LagCheck.evaluate(noTimestamp, thresholds("10", null, null, null)))
        .isEqualTo(CheckStatus.OK);
    assertThat(LagCheck.evaluate(noTimestamp, thresholds(null, null, "10", null)))
        .isEqualTo(CheckStatus.UNKNOWN);
  }

  @Test
  void aGroupTakesItsWorstPartitionAndAFailedGroupIsUnknown() {
    GroupLag group =
        new GroupLag(
            "g",
            "STABLE",
            1,
            List.of(
                partition(1L, 0L, PartitionState.OK),
                partition(50L, 0L, PartitionState.OK),
                partition(null, null, PartitionState.UNKNOWN)),
            null);

    assertThat(LagCheck.evaluate(group, thresholds("10", "100", null, null)))
        .isEqualTo(CheckStatus.WARNING);
    assertThat(LagCheck.evaluate(GroupLag.failed("x", "NOT_FOUND", "gone"), LagThresholds.NONE))
        .isEqualTo(CheckStatus.UNKNOWN);
    assertThat(CheckStatus.OK.worst(CheckStatus.UNKNOWN).worst(CheckStatus.WARNING))
        .isEqualTo(CheckStatus.WARNING);
    assertThat(CheckStatus.CRITICAL.worst(CheckStatus.UNKNOWN)).isEqualTo(CheckStatus.CRITICAL);
  }
}
