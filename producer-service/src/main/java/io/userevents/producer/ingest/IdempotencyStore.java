package io.userevents.producer.ingest;

import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.problem.ProblemTypes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Remembers, for at most {@code idempotency.window} and {@code idempotency.max-entries} (the oldest
 * go first), which request each {@code Idempotency-Key} was used for and the response when it
 * succeeded. A request that failed may be retried with the same body and is then sent again, with
 * the same event id; the key stays bound to that body, so it is never sent with another one under
 * the same event id (which consumers would drop as a duplicate).
 */
@Component
class IdempotencyStore {

  private record Entry(String fingerprint, @Nullable Object response, long storedAtNanos) {}

  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private final int maxEntries;
  private final long windowNanos;
  private final LongSupplier nanoClock;

  @Autowired
  IdempotencyStore(IngestProperties properties) {
    this(properties.idempotency(), System::nanoTime);
  }

  IdempotencyStore(IngestProperties.Idempotency settings, LongSupplier nanoClock) {
    this.maxEntries = settings.maxEntries();
    this.windowNanos = settings.window().toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * The response remembered for the key, or null when there is none within the window.
   *
   * @throws ErrorResponseException 422 when the key was used for a different request
   */
  synchronized <T> @Nullable T replay(IdempotencyKey key, Class<T> type) {
    expire();
    Entry entry = entries.get(key.storeKey());
    if (entry == null) {
      return null;
    }
    if (!entry.fingerprint().equals(key.fingerprint())
        || (entry.response() != null && !type.isInstance(entry.response()))) {
      throw conflict();
    }
    return entry.response() == null ? null : type.cast(entry.response());
  }

  /**
   * Binds the key to this request before it is sent, so that it cannot be used for a different
   * request even when this one fails.
   *
   * @throws ErrorResponseException 422 when the key is bound to a different request
   */
  synchronized void reserve(IdempotencyKey key) {
    expire();
    Entry entry = entries.get(key.storeKey());
    if (entry == null) {
      store(key, null);
    } else if (!entry.fingerprint().equals(key.fingerprint())) {
      throw conflict();
    }
  }

  /** Remembers a successful response for the key. */
  synchronized void remember(IdempotencyKey key, Object response) {
    store(key, response);
  }

  private void store(IdempotencyKey key, @Nullable Object response) {
    entries.remove(key.storeKey());
    entries.put(key.storeKey(), new Entry(key.fingerprint(), response, nanoClock.getAsLong()));
    expire();
    Iterator<String> oldest = entries.keySet().iterator();
    while (entries.size() > maxEntries && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized int size() {
    expire();
    return entries.size();
  }

  private void expire() {
    long now = nanoClock.getAsLong();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().storedAtNanos() < windowNanos) {
        return;
      }
      it.remove();
    }
  }

  private static ErrorResponseException conflict() {
    return new ErrorResponseException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        ProblemTypes.problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            ProblemTypes.IDEMPOTENCY_CONFLICT,
            "Idempotency key reused",
            "This Idempotency-Key was used for a different request; use a new key for a new"
                + " request."),
        null);
  }
}
