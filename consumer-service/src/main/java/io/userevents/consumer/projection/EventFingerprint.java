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

  /** Each thread's SHA-256, reset by every digest: looking one up costs more than hashing. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(EventFingerprint::newSha256);

  private EventFingerprint() {}

  /** The fingerprint recorded for {@code event}. */
  static String of(UserEvent event) {
    return CONTENT + digest(content(event));
  }

  /** The event with the timestamp and correlation id every content fingerprint takes. */
  private static UserEvent content(UserEvent event) {
    return new UserEvent(
        event.eventId(),
        event.eventType(),
        event.userId(),
        event.username(),
        event.email(),
        ANY_TIME,
        event.metadata(),
        event.schemaVersion(),
        null);
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
    byte[] digest = SHA_256.get().digest(CODEC.encode(event));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
