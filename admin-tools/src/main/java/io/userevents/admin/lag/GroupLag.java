package io.userevents.admin.lag;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lag of one consumer group. {@code state} is EMPTY, STABLE, REBALANCING, DEAD, NOT_FOUND or
 * UNKNOWN; {@code error} is set when the group could not be described.
 */
record GroupLag(
    String group,
    String state,
    int members,
    List<PartitionLag> partitions,
    @Nullable String error) {

  GroupLag {
    partitions = List.copyOf(partitions);
  }

  static GroupLag failed(String group, String state, String error) {
    return new GroupLag(group, state, 0, List.of(), error);
  }
}
