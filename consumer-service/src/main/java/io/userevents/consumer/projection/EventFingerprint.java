package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What tells a redelivery from a different event under a reused id: the first 128 bits of the
 * SHA-256 of the event in its wire form (current schema version), as 32 hex digits. Recorded with
 * the event id in {@code processed_events}.
 */
final class EventFingerprint {

  private static final UserEventCodec CODEC = UserEventCodec.create();

  private EventFingerprint() {}

  static String of(UserEvent event) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(CODEC.encode(event));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
