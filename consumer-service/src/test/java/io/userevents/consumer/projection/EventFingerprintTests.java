package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFingerprintTests {

  private static final UserEvent EVENT =
      new UserEvent(
          "3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14",
          EventType.USER_CREATED,
          "user-456",
          "john_doe",
          "john@example.com",
          1645123456789L,
          metadata(),
          2,
          "req-7f3c2a");

  /**
   * Fingerprints are stored in processed_events: a service that computed another one for the same
   * event would take its redelivery after an upgrade for a reused id. The expected value is the
   * SHA-256 of the wire form written out by hand, with timestamp 1 and no correlation id.
   */
  @Test
  void theFingerprintIsTheHashOfTheWireFormWithoutTimestampAndCorrelationId() {
    assertThat(EventFingerprint.of(EVENT)).isEqualTo("c1:b70f7a4a175546377dcc9190b967c7a6");
  }

  @Test
  void aRetryWithAnotherTimestampAndCorrelationIdHasTheSameFingerprint() {
    UserEvent retried = EVENT.withTimestamp(1645123999999L).withCorrelationId("req-other");

    assertThat(EventFingerprint.of(retried)).isEqualTo(EventFingerprint.of(EVENT));
    assertThat(
            EventFingerprint.sameEvent(
                EventFingerprint.of(EVENT), retried, EventFingerprint.of(retried)))
        .isTrue();
  }

  @Test
  void otherContentUnderTheSameIdHasAnotherFingerprint() {
    UserEvent other =
        new UserEvent(
            EVENT.eventId(),
            EventType.USER_CREATED,
            EVENT.userId(),
            "jane_doe",
            EVENT.email(),
            EVENT.timestamp(),
            EVENT.metadata(),
            2,
            null);

    assertThat(EventFingerprint.of(other)).isNotEqualTo(EventFingerprint.of(EVENT));
    assertThat(
            EventFingerprint.sameEvent(
                EventFingerprint.of(EVENT), other, EventFingerprint.of(other)))
        .isFalse();
  }

  private static Map<String, Object> metadata() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("source", "web-ui");
    metadata.put("version", "1.0");
    return metadata;
  }
}
