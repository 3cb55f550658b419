package io.userevents.admin.lag;

import io.userevents.admin.cli.CheckStatus;
import io.userevents.admin.lag.PartitionLag.PartitionState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Nagios verdicts from lag and thresholds, free of I/O. UNKNOWN when the numbers a threshold needs
 * could not be fetched; NO_COMMIT partitions are shown but not judged (there is no lag to judge).
 */
final class LagCheck {

  private LagCheck() {}

  static CheckStatus evaluate(PartitionLag partition, LagThresholds thresholds) {
    if (partition.state() == PartitionState.UNKNOWN) {
      return CheckStatus.UNKNOWN;
    }
    if (partition.state() == PartitionState.NO_COMMIT) {
      return CheckStatus.OK;
    }
    CheckStatus status = CheckStatus.OK;
    Long lag = partition.lag();
    if (lag == null) {
      status = status.worst(CheckStatus.UNKNOWN);
    } else {
      status = status.worst(level(lag, thresholds.warnLag(), thresholds.critLag()));
    }
    if (thresholds.usesSeconds()) {
      Long millis = partition.lagMillis();
      if (millis == null) {
        status = status.worst(CheckStatus.UNKNOWN);
      } else {
        status =
            status.worst(
                level(millis, millis(thresholds.warnSeconds()), millis(thresholds.critSeconds())));
      }
    }
    return status;
  }

  static CheckStatus evaluate(GroupLag group, LagThresholds thresholds) {
    CheckStatus status = group.error() == null ? CheckStatus.OK : CheckStatus.UNKNOWN;
    for (PartitionLag partition : group.partitions()) {
      status = status.worst(evaluate(partition, thresholds));
    }
    return status;
  }

  static CheckStatus evaluate(List<GroupLag> groups, LagThresholds thresholds) {
    CheckStatus status = CheckStatus.OK;
    for (GroupLag group : groups) {
      status = status.worst(evaluate(group, thresholds));
    }
    return status;
  }

  private static CheckStatus level(long value, @Nullable Long warn, @Nullable Long crit) {
    if (crit != null && value > crit) {
      return CheckStatus.CRITICAL;
    }
    if (warn != null && value > warn) {
      return CheckStatus.WARNING;
    }
    return CheckStatus.OK;
  }

  private static @Nullable Long millis(@Nullable Long seconds) {
    return seconds == null ? null : seconds * 1000;
  }
}
