package io.userevents.consumer.support;

import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds events with unique ids and increasing timestamps. */
public final class TestEvents {

  private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000_000L);

  private TestEvents() {}

  public static String uniqueUserId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  public static long nextTimestamp() {
    return CLOCK.addAndGet(1000);
  }

  public static UserEvent created(String userId, String username) {
    return event(EventType.USER_CREATED, userId, username, username + "@example.com");
  }

  public static UserEvent updated(String userId, String username) {
    return event(EventType.USER_UPDATED, userId, username, username + "@example.org");
  }

  public static UserEvent deleted(String userId) {
    return event(EventType.USER_DELETED, userId, null, null);
  }

  public static UserEvent event(EventType type, String userId, String username, String email) {
    return new UserEvent(
        UUID.randomUUID().toString(),
        type,
        userId,
        username,
        email,
        nextTimestamp(),
        Map.of("source", "test"),
        UserEvent.CURRENT_SCHEMA_VERSION,
        null);
  }
}
