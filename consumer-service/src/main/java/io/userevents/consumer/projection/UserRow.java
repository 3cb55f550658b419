package io.userevents.consumer.projection;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code users} table.
 *
 * @param userId the user's id
 * @param username null for deleted users
 * @param email null for deleted users
 * @param status active or deleted
 * @param lastEventId the id of the last event that changed this row
 * @param lastEventTimestamp the timestamp of that event; older events no longer change the row
 * @param createdAt when the row was first written (apply time)
 * @param updatedAt when the row last changed (apply time)
 */
public record UserRow(
    String userId,
    @Nullable String username,
    @Nullable String email,
    UserStatus status,
    String lastEventId,
    Instant lastEventTimestamp,
    Instant createdAt,
    Instant updatedAt) {

  /** Leaves the email address out, so that a row can be logged. */
  @Override
  public String toString() {
    return "UserRow[userId=%s, status=%s, lastEventId=%s, lastEventTimestamp=%s]"
        .formatted(userId, status, lastEventId, lastEventTimestamp);
  }
}
