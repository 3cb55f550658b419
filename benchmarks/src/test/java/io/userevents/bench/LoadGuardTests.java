package io.userevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadGuardTests {

  private static HarnessOptions options(String... args) {
    return HarnessOptions.parse(args, Path.of("."));
  }

  @Test
  void aFullRunOnAQuietMachineStartsAndIsComparable() {
    LoadGuard guard = LoadGuard.check(options(), 1.9, 2);

    assertThat(guard.refuse()).isFalse();
    assertThat(guard.comparable()).isTrue();
  }

  @Test
  void aFullRunAboveOnePerCoreIsRefused() {
    LoadGuard guard = LoadGuard.check(options(), 2.1, 2);

    assertThat(guard.refuse()).isTrue();
    assertThat(guard.message()).contains("2.10 on 2 cores").contains("--force");
  }

  @Test
  void aForcedFullRunOnABusyMachineStartsButIsNotComparable() {
    LoadGuard guard = LoadGuard.check(options("--force"), 5.0, 2);

    assertThat(guard.refuse()).isFalse();
    assertThat(guard.comparable()).isFalse();
  }

  @Test
  void aQuickRunAlwaysStarts() {
    LoadGuard guard = LoadGuard.check(options("--quick"), 8.0, 2);

    assertThat(guard.refuse()).isFalse();
  }
}
