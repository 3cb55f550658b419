package io.userevents.admin.cluster;

import io.userevents.admin.cli.CheckStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the health status, a pure function: CRITICAL when a partition is offline or below
 * min.insync.replicas (writes with acks=all fail), WARNING when partitions are under-replicated,
 * fewer brokers than expected are up or no controller is known, else OK.
 */
final class HealthVerdict {

  record Verdict(CheckStatus status, List<String> reasons) {}

  private HealthVerdict() {}

  static Verdict of(
      int brokers,
      int expectedBrokers,
      boolean controllerKnown,
      int underReplicated,
      int underMinIsr,
      int offline) {
    CheckStatus status = CheckStatus.OK;
    List<String> reasons = new ArrayList<>();
    if (offline > 0) {
      status = status.worst(CheckStatus.CRITICAL);
      reasons.add(offline + " offline partition(s)");
    }
    if (underMinIsr > 0) {
      status = status.worst(CheckStatus.CRITICAL);
      reasons.add(underMinIsr + " partition(s) under min.insync.replicas");
    }
    if (underReplicated > 0) {
      status = status.worst(CheckStatus.WARNING);
      reasons.add(underReplicated + " under-replicated partition(s)");
    }
    if (expectedBrokers > 0 && brokers < expectedBrokers) {
      status = status.worst(CheckStatus.WARNING);
      reasons.add(brokers + " of " + expectedBrokers + " expected brokers up");
    }
    if (!controllerKnown) {
      status = status.worst(CheckStatus.WARNING);
      reasons.add("no controller reported");
    }
    return new Verdict(status, reasons);
  }
}
