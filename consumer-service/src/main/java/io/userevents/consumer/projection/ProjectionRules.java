package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How one event changes one user's row. Pure functions, no I/O.
 *
 * <ul>
 *   <li>An event older (by event timestamp) than the row's last applied event is stale: the row is
 *       not rolled back. Equal timestamps apply, so the later record in the partition wins.
 *   <li>Created or updated for an unknown user writes an active row from the event (both carry the
 *       full profile).
 *   <li>Deleted for an unknown user writes a deleted tombstone, so that a create that arrives late
 *       with an older timestamp cannot bring the user back.
 *   <li>Deleted clears username and email.
 *   <li>An update of a deleted user is stale: only a newer create brings a deleted user back.
 * </ul>
 */
final class ProjectionRules {

  private ProjectionRules() {}

  /** What {@code event} does to {@code current} (null when the user has no row). */
  static Decision decide(@Nullable UserRow current, UserEvent event, Instant now) {
    Instant eventTime = event.occurredAt();
    if (current != null && eventTime.isBefore(current.lastEventTimestamp())) {
      return Decision.stale();
    }
    return switch (event.eventType()) {
      case USER_CREATED -> Decision.applied(active(current, event, now));
      case USER_UPDATED ->
          current != null && current.status() == UserStatus.DELETED
              ? Decision.stale()
              : Decision.applied(active(current, event, now));
      case USER_DELETED ->
          Decision.applied(
              new UserRow(
                  event.userId(),
                  null,
                  null,
                  UserStatus.DELETED,
                  event.eventId(),
                  eventTime,
                  createdAt(current, now),
                  now));
    };
  }

  private static UserRow active(@Nullable UserRow current, UserEvent event, Instant now) {
    return new UserRow(
        event.userId(),
        event.username(),
        event.email(),
        UserStatus.ACTIVE,
        event.eventId(),
        event.occurredAt(),
        createdAt(current, now),
        now);
  }

  private static Instant createdAt(@Nullable UserRow current, Instant now) {
    return current == null ? now : current.createdAt();
  }

  /**
   * The outcome and, when applied, the user's new row.
   *
   * @param outcome applied or stale
   * @param next the new row; null when stale
   */
  record Decision(Outcome outcome, @Nullable UserRow next) {

    static Decision applied(UserRow next) {
      return new Decision(Outcome.APPLIED, next);
    }

    static Decision stale() {
      return new Decision(Outcome.STALE, null);
    }
  }
}
