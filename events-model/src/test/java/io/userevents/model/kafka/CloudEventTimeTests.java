package io.userevents.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code ce_time} is formatted by hand; it must equal {@link Instant#toString()} exactly. */
class CloudEventTimeTests {

  private static void assertSameAsInstant(long millis) {
    assertThat(new String(CloudEventHeaders.rfc3339(millis), StandardCharsets.US_ASCII))
        .as("epoch millis %d", millis)
        .isEqualTo(Instant.ofEpochMilli(millis).toString());
  }

  @Test
  void edgeCases() {
    long[] edges = {
      0,
      1,
      999,
      1000,
      1001,
      59_999,
      60_000,
      86_399_999,
      86_400_000,
      951_782_400_000L, // 2000-02-29
      951_868_799_999L,
      951_868_800_000L,
      1_645_123_456_789L,
      1_645_123_456_000L,
      1_645_123_456_700L,
      4_107_542_400_000L, // 2100-03-01
      UserEvent.MAX_TIMESTAMP,
      UserEvent.MAX_TIMESTAMP - 999,
      UserEvent.MAX_TIMESTAMP + 1,
      -1,
    };
    for (long millis : edges) {
      assertSameAsInstant(millis);
    }
  }

  @Test
  void everyDayOfSomeLeapAndCenturyYears() {
    for (int year : new int[] {1970, 1972, 2000, 2023, 2024, 2100, 2400, 9999}) {
      long start = Instant.parse(year + "-01-01T00:00:00Z").toEpochMilli();
      for (int day = 0; day < 366; day++) {
        long millis = start + day * 86_400_000L + day * 3_601_001L % 86_400_000L;
        if (millis <= UserEvent.MAX_TIMESTAMP) {
          assertSameAsInstant(millis);
        }
      }
    }
  }

  @Test
  void generatedTimestamps() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 500_000; i++) {
      long millis = random.nextLong(1, UserEvent.MAX_TIMESTAMP + 1);
      if (i % 3 == 0) {
        millis -= millis % 1000;
      }
      assertSameAsInstant(millis);
    }
  }
}
