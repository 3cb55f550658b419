package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.producer.config.IngestProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class IdempotencyStoreTests {

  private final AtomicLong now = new AtomicLong();
  private final IdempotencyStore store =
      new IdempotencyStore(new IngestProperties.Idempotency(Duration.ofMinutes(10), 3), now::get);

  @Test
  void replaysTheRememberedResponseForTheSameRequest() {
    IdempotencyKey key = key("k1", "body");
    store.remember(key, "receipt");

    assertThat(store.replay(key("k1", "body"), String.class)).isEqualTo("receipt");
  }

  @Test
  void refusesTheSameKeyWithADifferentRequestAs422() {
    store.remember(key("k1", "body"), "receipt");

    assertThatThrownBy(() -> store.replay(key("k1", "other body"), String.class))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(422));
  }

  @Test
  void keyReservedByAFailedRequestIsFreeForTheSameBodyOnly() {
    store.reserve(key("k1", "body"));

    assertThat(store.replay(key("k1", "body"), String.class)).isNull();
    store.reserve(key("k1", "body"));
    assertThatThrownBy(() -> store.reserve(key("k1", "other body")))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(422));
    assertThatThrownBy(() -> store.replay(key("k1", "other body"), String.class))
        .isInstanceOf(ErrorResponseException.class);
  }

  @Test
  void forgetsResponsesOlderThanTheWindow() {
    store.remember(key("k1", "body"), "receipt");
    now.addAndGet(Duration.ofMinutes(10).toNanos());

    assertThat(store.replay(key("k1", "body"), String.class)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void keepsAtMostMaxEntriesDroppingTheOldest() {
    for (int i = 0; i < 5; i++) {
      now.addAndGet(1);
      store.remember(key("k" + i, "body"), "receipt" + i);
    }

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.replay(key("k0", "body"), String.class)).isNull();
    assertThat(store.replay(key("k4", "body"), String.class)).isEqualTo("receipt4");
  }

  @Test
  void derivesTheSameIdsFromTheSameKeyAndScopeOnly() {
    IdempotencyKey a = key("k1", "body");
    IdempotencyKey b = key("k1", "another body");
    IdempotencyKey other = new IdempotencyKey("PUT /api/users/1", "k1", "f");

    assertThat(a.eventId()).isEqualTo(b.eventId()).isNotEqualTo(other.eventId());
    assertThat(a.userId()).isEqualTo(b.userId()).isNotEqualTo(a.eventId());
  }

  private static IdempotencyKey key(String key, String fingerprint) {
    return new IdempotencyKey("POST /api/users", key, fingerprint);
  }
}
