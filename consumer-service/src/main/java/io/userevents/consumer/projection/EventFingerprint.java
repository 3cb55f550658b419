package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What tells a redelivery from a different event under a reused id, recorded with the event id in
 * {@code processed_events}: {@code c1:} and the first 128 bits, as 32 hex digits, of the SHA-256 of
 * the event's content in its wire form (current schema version).
 *
 * <p>The content is everything but the two fields a producer stamps on each attempt: {@code
 * timestamp} and {@code correlationId}. A request retried with the same {@code Idempotency-Key}
 * after a {@code 503} whose event was written all the same carries the same event id and content
 * but a later timestamp, and is a redelivery, not a conflict.
 *
 * <p>Ids recorded before this rule carry the bare 32 hex digits of the whole wire form, timestamp
 * included; they are compared by that rule until pruning has removed them.
 */
final class EventFingerprint {

  private static final UserEventCodec CODEC = UserEventCodec.create();
  private static final String CONTENT = "c1:";

  /** The timestamp every event takes in its content fingerprint. */
  private static final long ANY_TIME = 1L;

  private EventFingerprint() {}

  /** The fingerprint recorded for {@code event}. */
  static String of(UserEvent event) {
    return CONTENT + digest(event.withTimestamp(ANY_TIME).withCorrelationId(null));
  }

  /**
   * Whether {@code event}, whose fingerprint is {@code print}, is a redelivery of the event
   * recorded with {@code recorded}: the empty string (an id recorded before fingerprints were kept)
   * matches any event.
   */
  static boolean sameEvent(String recorded, UserEvent event, String print) {
    if (recorded.isEmpty()) {
      return true;
    }
    if (recorded.startsWith(CONTENT)) {
      return recorded.equals(print);
    }
    return recorded.equals(digest(event));
  }

  private static String digest(UserEvent event) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(CODEC.encode(event));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
