package io.userevents.admin.cluster;

import io.userevents.admin.cli.CheckStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@code cluster health} found and the verdict with its reasons. */
record ClusterHealth(
    String clusterId,
    @Nullable Integer controllerId,
    List<Broker> brokers,
    int topics,
    int partitions,
    int underReplicated,
    int underMinIsr,
    int offline,
    List<PartitionProblem> problems,
    CheckStatus status,
    List<String> reasons) {

  record Broker(int id, String host, int port, @Nullable String rack) {}

  record PartitionProblem(
      String topic,
      int partition,
      @Nullable Integer leader,
      List<Integer> replicas,
      List<Integer> isr,
      List<String> flags) {}
}
