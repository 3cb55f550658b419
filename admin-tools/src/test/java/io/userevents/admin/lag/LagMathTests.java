package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagMathTests {

  @Test
  void offsetLagIsLogEndMinusCommittedLikeKafkaConsumerGroups() {
    assertThat(LagMath.offsetLag(4L, 10L)).isEqualTo(6L);
    assertThat(LagMath.offsetLag(10L, 10L)).isZero();
    assertThat(LagMath.offsetLag(12L, 10L)).isEqualTo(-2L);
  }

  @Test
  void offsetLagIsUnknownWithoutBothOffsets() {
    assertThat(LagMath.offsetLag(null, 10L)).isNull();
    assertThat(LagMath.offsetLag(-1L, 10L)).isNull();
    assertThat(LagMath.offsetLag(4L, null)).isNull();
  }

  @Test
  void timeLagIsNowMinusTimestampOfTheNextRecord() {
    assertThat(LagMath.timeLagMillis(6L, 1_000L, 91_000L)).isEqualTo(90_000L);
  }

  @Test
  void timeLagIsZeroWhenCaughtUpEvenWithoutATimestamp() {
    assertThat(LagMath.timeLagMillis(0L, null, 91_000L)).isZero();
  }

  @Test
  void timeLagIsNeverNegativeAndUnknownWithoutATimestamp() {
    assertThat(LagMath.timeLagMillis(3L, 95_000L, 91_000L)).isZero();
    assertThat(LagMath.timeLagMillis(3L, null, 91_000L)).isNull();
    assertThat(LagMath.timeLagMillis(3L, -1L, 91_000L)).isNull();
    assertThat(LagMath.timeLagMillis(null, 1_000L, 91_000L)).isNull();
  }
}
