package io.userevents.admin.lag;

import io.userevents.admin.cli.CheckStatus;
import java.util.List;

/** Groups with their lag, judged against thresholds. */
record LagReport(List<GroupLag> groups, LagThresholds thresholds, CheckStatus status) {

  static LagReport of(List<GroupLag> groups, LagThresholds thresholds) {
    return new LagReport(groups, thresholds, LagCheck.evaluate(groups, thresholds));
  }
}
