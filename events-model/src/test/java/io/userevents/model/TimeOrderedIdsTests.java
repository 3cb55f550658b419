package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

  @Test
  void idsAreVersion7WithTheRfcVariantAndTheirCreationTime() {
    long before = System.currentTimeMillis();

    UUID id = TimeOrderedIds.nextUuid();

    long after = System.currentTimeMillis();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void theTextFormIsACanonicalLowerCaseUuid() {
    String id = TimeOrderedIds.next();

    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
  }

  @Test
  void textFormsSortByCreationTime() {
    SecureRandom random = new SecureRandom();
    List<String> ids = new ArrayList<>();
    for (long millis : new long[] {1_700_000_000_000L, 1_700_000_000_001L, 1_800_000_000_000L}) {
      ids.add(TimeOrderedIds.at(millis, random).toString());
    }

    assertThat(ids).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    SecureRandom random = new SecureRandom();
    UUID first = TimeOrderedIds.at(1_700_000_000_000L, random);
    UUID second = TimeOrderedIds.at(1_700_000_000_000L, random);

    assertThat(first.getMostSignificantBits() >>> 16)
        .isEqualTo(second.getMostSignificantBits() >>> 16);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void manyThreadsNeverRepeatAnId() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25_000; i++) {
                    seen.add(TimeOrderedIds.next());
                  }
                }));
      }
      for (Future<?> each : work) {
        each.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(seen).hasSize(200_000);
  }

  @Test
  void manyShortLivedThreadsNeverRepeatAnId() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2_000; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10; i++) {
                  seen.add(TimeOrderedIds.next());
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(seen).hasSize(20_000);
  }

  @Test
  void aTimeBeyond48BitsIsRefused() {
    assertThatThrownBy(() -> TimeOrderedIds.at(1L << 48, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("48 bits");
    assertThatThrownBy(() -> TimeOrderedIds.at(-1, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
