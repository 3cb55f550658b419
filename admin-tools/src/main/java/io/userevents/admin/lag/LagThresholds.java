package io.userevents.admin.lag;

import org.jspecify.annotations.Nullable;

/** Alert thresholds; a partition is above one when its value is strictly greater. */
record LagThresholds(
    @Nullable Long warnLag,
    @Nullable Long critLag,
    @Nullable Long warnSeconds,
    @Nullable Long critSeconds) {

  static final LagThresholds NONE = new LagThresholds(null, null, null, null);

  boolean usesSeconds() {
    return warnSeconds != null || critSeconds != null;
  }
}
