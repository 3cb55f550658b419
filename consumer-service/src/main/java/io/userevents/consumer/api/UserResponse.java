package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserRow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A projected user as the API shows it.
 *
 * @param userId the user's id
 * @param username the login name
 * @param email the email address
 * @param status ACTIVE (the API answers 410 for deleted users)
 * @param lastEventId the last event applied to this user: how fresh the answer is
 * @param lastEventTimestamp that event's timestamp
 * @param createdAt when the projection first wrote the user
 * @param updatedAt when the projection last changed the user
 */
record UserResponse(
    String userId,
    @Nullable String username,
    @Nullable String email,
    String status,
    String lastEventId,
    Instant lastEventTimestamp,
    Instant createdAt,
    Instant updatedAt) {

  static UserResponse of(UserRow row) {
    return new UserResponse(
        row.userId(),
        row.username(),
        row.email(),
        row.status().name(),
        row.lastEventId(),
        row.lastEventTimestamp(),
        row.createdAt(),
        row.updatedAt());
  }
}
