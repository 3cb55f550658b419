package io.userevents.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.cli.CheckStatus;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class HealthTests {

  private static final Node LEADER = new Node(1, "localhost", 9092);

  @Test
  void flagsUnderReplicatedUnderMinIsrAndOfflinePartitions() {
    assertThat(PartitionHealth.of(LEADER, 3, 3, 2).flags()).isEmpty();
    assertThat(PartitionHealth.of(LEADER, 3, 2, 2).flags())
        .containsExactly(PartitionHealth.UNDER_REPLICATED);
    assertThat(PartitionHealth.of(LEADER, 3, 1, 2).flags())
        .containsExactly(PartitionHealth.UNDER_REPLICATED, PartitionHealth.UNDER_MIN_ISR);
    assertThat(PartitionHealth.of(null, 3, 0, 2).offline()).isTrue();
    assertThat(PartitionHealth.of(Node.noNode(), 1, 1, 1).offline()).isTrue();
  }

  @Test
  void criticalWhenWritesFailWarningWhenDegraded() {
    assertThat(HealthVerdict.of(3, 3, true, 0, 0, 0).status()).isEqualTo(CheckStatus.OK);
    assertThat(HealthVerdict.of(3, 3, true, 4, 0, 0).status()).isEqualTo(CheckStatus.WARNING);
    assertThat(HealthVerdict.of(2, 3, true, 0, 0, 0).status()).isEqualTo(CheckStatus.WARNING);
    assertThat(HealthVerdict.of(3, 0, false, 0, 0, 0).status()).isEqualTo(CheckStatus.WARNING);
    assertThat(HealthVerdict.of(3, 3, true, 4, 1, 0).status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(HealthVerdict.of(3, 3, true, 0, 0, 1).reasons())
        .containsExactly("1 offline partition(s)");
  }
}
