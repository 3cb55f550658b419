package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.lag.PartitionLag.PartitionState;
import io.userevents.admin.lag.StallTracker.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallTrackerTests {

  private static final Key KEY = new Key("g", "t", 0);

  private final StallTracker tracker = new StallTracker(2);

  @Test
  void flagsAPartitionAfterTheGivenRoundsWithoutACommitWhileBehind() {
    assertThat(tracker.observe(round(4, 10, 5_000L))).containsEntry(KEY, false);
    assertThat(tracker.observe(round(4, 12, 7_000L))).containsEntry(KEY, false);
    assertThat(tracker.observe(round(4, 12, 9_000L))).containsEntry(KEY, true);
  }

  @Test
  void aCommitResetsTheCount() {
    tracker.observe(round(4, 10, 5_000L));
    tracker.observe(round(4, 10, 5_000L));
    assertThat(tracker.observe(round(4, 10, 5_000L))).containsEntry(KEY, true);

    assertThat(tracker.observe(round(5, 10, 4_000L))).containsEntry(KEY, false);
  }

  @Test
  void aCaughtUpPartitionIsNeverStalled() {
    for (int i = 0; i < 5; i++) {
      assertThat(tracker.observe(round(10, 10, 0L))).containsEntry(KEY, false);
    }
  }

  @Test
  void onlyTransactionMarkersLeftIsNotBehind() {
    for (int i = 0; i < 5; i++) {
      assertThat(tracker.observe(round(10, 11, 0L))).containsEntry(KEY, false);
    }
  }

  @Test
  void aGroupThatCouldNotBeReadKeepsItsCount() {
    tracker.observe(round(4, 10, 5_000L));
    tracker.observe(round(4, 10, 5_000L));
    assertThat(tracker.observe(List.of(GroupLag.failed("g", "UNKNOWN", "timeout")))).isEmpty();

    assertThat(tracker.observe(round(4, 10, 5_000L))).containsEntry(KEY, true);
  }

  private static List<GroupLag> round(long committed, long logEnd, long lagMillis) {
    PartitionLag p =
        new PartitionLag(
            "g",
            "t",
            0,
            committed,
            logEnd,
            logEnd - committed,
            lagMillis,
            null,
            null,
            null,
            PartitionState.OK,
            null);
    return List.of(new GroupLag("g", "EMPTY", 0, List.of(p), null));
  }
}
