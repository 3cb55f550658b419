package io.userevents.consumer.support;

import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.projection.UserStatus;
import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic stream of events over many users (created, updates, some deleted) and the
 * projection it must end in.
 */
public final class UserEventScript {

  private final List<UserEvent> events = new ArrayList<>();
  private final Map<String, Expected> expected = new LinkedHashMap<>();

  /**
   * {@code users} users with {@code eventsPerUser} events each, interleaved round-robin; every
   * fourth user ends deleted.
   */
  public UserEventScript(String prefix, int users, int eventsPerUser) {
    for (int step = 0; step < eventsPerUser; step++) {
      for (int u = 0; u < users; u++) {
        String userId = prefix + "-" + u;
        UserEvent event;
        if (step == 0) {
          event =
              TestEvents.event(
                  EventType.USER_CREATED, userId, "user" + u, "u" + u + "@example.com");
        } else if (step == eventsPerUser - 1 && u % 4 == 0) {
          event = TestEvents.event(EventType.USER_DELETED, userId, null, null);
        } else {
          event =
              TestEvents.event(
                  EventType.USER_UPDATED,
                  userId,
                  "user" + u + "_" + step,
                  "u" + u + "." + step + "@example.com");
        }
        events.add(event);
        expected.put(
            userId,
            new Expected(
                event.eventType() == EventType.USER_DELETED
                    ? UserStatus.DELETED
                    : UserStatus.ACTIVE,
                event.username(),
                event.email(),
                event.eventId()));
      }
    }
  }

  public List<UserEvent> events() {
    return events;
  }

  public Map<String, Expected> expected() {
    return expected;
  }

  /** The rows the projection holds for this script's users, to compare with {@link #expected()}. */
  public Map<String, Expected> found(UserQueries queries) {
    Map<String, Expected> rows = new LinkedHashMap<>();
    expected
        .keySet()
        .forEach(user -> queries.find(user).ifPresent(row -> rows.put(user, Expected.of(row))));
    return rows;
  }

  /** The rows the projection must hold, keyed by user id. */
  public record Expected(UserStatus status, String username, String email, String lastEventId) {

    public static Expected of(UserRow row) {
      return new Expected(row.status(), row.username(), row.email(), row.lastEventId());
    }
  }
}
