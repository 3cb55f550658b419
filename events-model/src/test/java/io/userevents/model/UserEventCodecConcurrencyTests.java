package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One shared codec used from several threads at once gives every thread correct results. */
class UserEventCodecConcurrencyTests {

  private static final int THREADS = 8;
  private static final int ROUNDS = 400;

  @Test
  void encodesAndDecodesConcurrentlyWithCorrectResults() throws Exception {
    UserEventCodec codec = UserEventCodec.create();
    byte[] course = GoldenVectors.bytes("v1/course-user-created.json");
    UserEvent courseEvent = codec.decode(course);
    List<UserEvent> fixed =
        List.of(TestEvents.created(), TestEvents.updated(), TestEvents.deleted());
    List<byte[]> golden =
        List.of(
            GoldenVectors.bytes("v2/user-created.json"),
            GoldenVectors.bytes("v2/user-updated.json"),
            GoldenVectors.bytes("v2/user-deleted.json"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<Integer> work =
            () -> {
              start.await();
              int checked = 0;
              for (int round = 0; round < ROUNDS; round++) {
                int i = (thread + round) % fixed.size();
                UserEvent own =
                    fixed
                        .get(i)
                        .withEventId("evt-" + thread + "-" + round)
                        .withTimestamp(round + 1);
                assertThat(codec.decode(codec.encode(own))).isEqualTo(own);
                assertThat(codec.encode(fixed.get(i))).isEqualTo(golden.get(i));
                assertThat(codec.decode(golden.get(i))).isEqualTo(fixed.get(i));
                assertThat(codec.decode(course)).isEqualTo(courseEvent);
                checked++;
              }
              return checked;
            };
        results.add(pool.submit(work));
      }
      start.countDown();

      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(ROUNDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
