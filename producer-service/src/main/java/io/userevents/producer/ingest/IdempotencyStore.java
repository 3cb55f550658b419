package io.userevents.producer.ingest;

import io.userevents.producer.config.IngestProperties;
import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers, for at most {@code idempotency.window} and within {@code idempotency.max-bytes} (the
 * oldest go first), which request each {@code Idempotency-Key} was used for and the response when
 * it succeeded, kept as gzip-compressed JSON (a 1,000-item bulk response of ~130 KB takes about a
 * quarter of that). A request that failed may be retried with the same body and is then sent again,
 * with the same event id; the key stays bound to that body, so it is never sent with another one
 * under the same event id (which consumers would drop as a duplicate). A forgotten key is harmless:
 * its retry is sent again under the same event id and consumers drop the duplicate.
 */
@Component
class IdempotencyStore {

  /** What an entry costs beyond its key, fingerprint and response: objects, headers, references. */
  static final int ENTRY_OVERHEAD = 160;

  private record Entry(
      String fingerprint,
      @Nullable String type,
      byte @Nullable [] response,
      long storedAtNanos,
      long weight) {}

  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private final long maxBytes;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final JsonMapper mapper;
  private long bytes;

  @Autowired
  IdempotencyStore(IngestProperties properties, JsonMapper mapper) {
    this(properties.idempotency(), System::nanoTime, mapper);
  }

  IdempotencyStore(
      IngestProperties.Idempotency settings, LongSupplier nanoClock, JsonMapper mapper) {
    this.maxBytes = settings.maxBytes().toBytes();
    this.windowNanos = settings.window().toNanos();
    this.nanoClock = nanoClock;
    this.mapper = mapper;
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
        || (entry.type() != null && !entry.type().equals(type.getName()))) {
      throw conflict();
    }
    return entry.response() == null ? null : decode(entry.response(), type);
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
      store(key, null, null);
    } else if (!entry.fingerprint().equals(key.fingerprint())) {
      throw conflict();
    }
  }

  /** Remembers a successful response for the key. */
  void remember(IdempotencyKey key, Object response) {
    byte[] encoded = encode(response);
    synchronized (this) {
      store(key, response.getClass().getName(), encoded);
    }
  }

  synchronized int size() {
    expire();
    return entries.size();
  }

  /** The bytes the remembered entries are counted at, at most {@code max-bytes}. */
  synchronized long bytes() {
    expire();
    return bytes;
  }

  private void store(IdempotencyKey key, @Nullable String type, byte @Nullable [] response) {
    String storeKey = key.storeKey();
    long weight =
        ENTRY_OVERHEAD
            + 2L * (storeKey.length() + key.fingerprint().length())
            + (response == null ? 0 : response.length);
    forget(storeKey);
    if (weight > maxBytes) {
      return;
    }
    entries.put(
        storeKey, new Entry(key.fingerprint(), type, response, nanoClock.getAsLong(), weight));
    bytes += weight;
    expire();
    Iterator<Entry> oldest = entries.values().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      bytes -= oldest.next().weight();
      oldest.remove();
    }
  }

  private void forget(String storeKey) {
    Entry earlier = entries.remove(storeKey);
    if (earlier != null) {
      bytes -= earlier.weight();
    }
  }

  private void expire() {
    long now = nanoClock.getAsLong();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry entry = it.next().getValue();
      if (now - entry.storedAtNanos() < windowNanos) {
        return;
      }
      bytes -= entry.weight();
      it.remove();
    }
  }

  private byte[] encode(Object response) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      mapper.writeValue(out, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.toByteArray();
  }

  private <T> T decode(byte[] response, Class<T> type) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response))) {
      return mapper.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ErrorResponseException conflict() {
    return ProblemException.of(
        ProblemType.IDEMPOTENCY_CONFLICT,
        "This Idempotency-Key was used for a different request; use a new key for a new"
            + " request.");
  }
}
