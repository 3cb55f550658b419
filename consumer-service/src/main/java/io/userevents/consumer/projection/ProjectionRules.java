package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How one event changes one user's row. Pure functions, no I/O.
 *
 * <p><b>Log order decides.</b> Kafka keeps a user's events (one key, one partition) in the order
 * the broker acknowledged them, so live events are applied in the order they are consumed, whatever
 * their timestamps say: a delete written after an update wins even when the instance that stamped
 * it has a clock a little behind. Event time only catches events that come back late:
 *
 * <ul>
 *   <li>a replayed dead letter (a record that carries the replay tool's header) older than the
 *       row's state is not applied;
 *   <li>any event older than the row's state by more than the late-arrival tolerance is not
 *       applied.
 * </ul>
 *
 * The row's state time ({@link UserRow#lastEventTimestamp()}) is the latest timestamp of the events
 * applied to it; it never goes back, so one late event cannot shift it. An event not applied is
 * still recorded as processed, so it is counted {@code stale} once and never blocks later events.
 *
 * <p>What an applied event does:
 *
 * <ul>
 *   <li>Created or updated for an unknown user writes an active row from the event (both carry the
 *       full profile).
 *   <li>Deleted for an unknown user writes a deleted tombstone, so that a create that arrives late
 *       cannot bring the user back.
 *   <li>Deleted clears username and email.
 *   <li>An update of a deleted user is not applied: only a create brings a deleted user back.
 * </ul>
 */
final class ProjectionRules {

  private ProjectionRules() {}

  /**
   * What {@code event} does to {@code current} (null when the user has no row).
   *
   * @param replayed whether the event came back from the dead-letter topic
   * @param lateArrivalTolerance how much older than the row's state a live event may be
   */
  static Decision decide(
      @Nullable UserRow current,
      UserEvent event,
      boolean replayed,
      Duration lateArrivalTolerance,
      Instant now) {
    Instant eventTime = event.occurredAt();
    if (current != null
        && isLate(current.lastEventTimestamp(), eventTime, replayed, lateArrivalTolerance)) {
      return Decision.stale();
    }
    Instant stateTime =
        current == null || eventTime.isAfter(current.lastEventTimestamp())
            ? eventTime
            : current.lastEventTimestamp();
    return switch (event.eventType()) {
      case USER_CREATED -> Decision.applied(active(current, event, stateTime, now));
      case USER_UPDATED ->
          current != null && current.status() == UserStatus.DELETED
              ? Decision.stale()
              : Decision.applied(active(current, event, stateTime, now));
      case USER_DELETED ->
          Decision.applied(
              new UserRow(
                  event.userId(),
                  null,
                  null,
                  UserStatus.DELETED,
                  event.eventId(),
                  stateTime,
                  createdAt(current, now),
                  now));
    };
  }

  /** The rule of the type's Javadoc: replays must not be older, live events not much older. */
  static boolean isLate(
      Instant stateTime, Instant eventTime, boolean replayed, Duration lateArrivalTolerance) {
    Instant limit = replayed ? stateTime : stateTime.minus(lateArrivalTolerance);
    return eventTime.isBefore(limit);
  }

  private static UserRow active(
      @Nullable UserRow current, UserEvent event, Instant stateTime, Instant now) {
    return new UserRow(
        event.userId(),
        event.username(),
        event.email(),
        UserStatus.ACTIVE,
        event.eventId(),
        stateTime,
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
