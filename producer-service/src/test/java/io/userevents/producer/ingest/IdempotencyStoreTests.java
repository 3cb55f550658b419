package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.producer.config.IngestProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

class IdempotencyStoreTests {

  private final AtomicLong now = new AtomicLong();
  private final IdempotencyStore store = store(DataSize.ofKilobytes(1));

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
  void keepsAtMostMaxBytesDroppingTheOldest() {
    for (int i = 0; i < 20; i++) {
      now.addAndGet(1);
      store.remember(key("k" + i, "body"), "receipt" + i);
    }

    assertThat(store.bytes()).isPositive().isLessThanOrEqualTo(1024);
    assertThat(store.size()).isBetween(2, 19);
    assertThat(store.replay(key("k0", "body"), String.class)).isNull();
    assertThat(store.replay(key("k19", "body"), String.class)).isEqualTo("receipt19");
  }

  @Test
  void keepsLargeBulkResponsesCompressedWithinMaxBytes() {
    IdempotencyStore bounded = store(DataSize.ofMegabytes(2));
    BulkResponse last = null;
    for (int request = 0; request < 100; request++) {
      now.addAndGet(1);
      last = bulkResponse(request, 1_000);
      bounded.remember(key("bulk-" + request, "body"), last);
    }

    assertThat(bounded.bytes()).isLessThanOrEqualTo(DataSize.ofMegabytes(2).toBytes());
    // Uncompressed, 2 MB would hold about fifteen of these ~130 KB responses.
    assertThat(bounded.size()).isGreaterThan(30).isLessThan(100);
    assertThat(bounded.replay(key("bulk-0", "body"), BulkResponse.class)).isNull();
    assertThat(bounded.replay(key("bulk-99", "body"), BulkResponse.class)).isEqualTo(last);
  }

  private IdempotencyStore store(DataSize maxBytes) {
    return new IdempotencyStore(
        new IngestProperties.Idempotency(Duration.ofMinutes(10), maxBytes),
        now::get,
        JsonMapper.builder().build());
  }

  /** A bulk response of the shape (and about the size) the service answers with. */
  private static BulkResponse bulkResponse(int request, int items) {
    List<BulkResponse.ItemResult> results = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      results.add(
          new BulkResponse.ItemResult(
              i,
              UUID.nameUUIDFromBytes((request + "/" + i).getBytes(StandardCharsets.UTF_8))
                  .toString(),
              201,
              "accepted",
              i % 3,
              1_000_000L * request + i,
              null));
    }
    return BulkResponse.of(results);
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
