package io.userevents.admin.lag;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code kafka-admin lag}. Offsets and lag mean what they mean in {@code
 * kafka-consumer-groups.sh --describe}; {@code null} prints as {@code -}.
 */
record PartitionLag(
    String group,
    String topic,
    int partition,
    @Nullable Long currentOffset,
    @Nullable Long logEndOffset,
    @Nullable Long lag,
    @Nullable Long lagMillis,
    @Nullable String consumerId,
    @Nullable String host,
    @Nullable String clientId,
    PartitionState state,
    @Nullable String detail) {

  /** OK: lag known; NO_COMMIT: the group never committed here; UNKNOWN: offsets not fetched. */
  enum PartitionState {
    OK,
    NO_COMMIT,
    UNKNOWN
  }

  @Nullable Double lagSeconds() {
    return lagMillis == null ? null : lagMillis / 1000.0;
  }
}
