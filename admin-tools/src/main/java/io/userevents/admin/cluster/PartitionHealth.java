package io.userevents.admin.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.jspecify.annotations.Nullable;

/**
 * Health of one partition, a pure function of its metadata and {@code min.insync.replicas}: offline
 * (no leader), under-replicated (ISR smaller than the replica set), under-min-ISR (acks=all writes
 * fail).
 */
public record PartitionHealth(boolean offline, boolean underReplicated, boolean underMinIsr) {

  public static final String OFFLINE = "OFFLINE";
  public static final String UNDER_REPLICATED = "UNDER_REPLICATED";
  public static final String UNDER_MIN_ISR = "UNDER_MIN_ISR";

  public static PartitionHealth of(TopicPartitionInfo partition, int minInsyncReplicas) {
    return of(
        partition.leader(), partition.replicas().size(), partition.isr().size(), minInsyncReplicas);
  }

  public static PartitionHealth of(
      @Nullable Node leader, int replicas, int inSync, int minInsyncReplicas) {
    boolean offline = leader == null || leader.isEmpty() || leader.id() < 0;
    return new PartitionHealth(offline, inSync < replicas, inSync < minInsyncReplicas);
  }

  public boolean healthy() {
    return !offline && !underReplicated && !underMinIsr;
  }

  /** The flags as words, e.g. {@code [UNDER_REPLICATED, UNDER_MIN_ISR]}; empty when healthy. */
  public List<String> flags() {
    List<String> flags = new ArrayList<>();
    if (offline) {
      flags.add(OFFLINE);
    }
    if (underReplicated) {
      flags.add(UNDER_REPLICATED);
    }
    if (underMinIsr) {
      flags.add(UNDER_MIN_ISR);
    }
    return flags;
  }
}
