package io.userevents.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The validity rule on an event's timestamp that depends on the clock, and so cannot be an
 * invariant of {@link UserEvent}: an event must not be stamped more than {@link #maxFutureSkew()}
 * after the time it is checked. An event from the future would otherwise make every later event of
 * its user look older. Producers check it before they publish, consumers when they read; both use
 * this class so the rule is the same on both sides.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EventTimeRules {

  /** The skew both services allow unless configured otherwise: one minute. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  private final Duration maxFutureSkew;

  /**
   * @param maxFutureSkew how far in the future a timestamp may be; not negative
   * @throws IllegalArgumentException when {@code maxFutureSkew} is negative
   */
  public EventTimeRules(Duration maxFutureSkew) {
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative");
    }
    this.maxFutureSkew = maxFutureSkew;
  }

  /** Rules with {@link #DEFAULT_MAX_FUTURE_SKEW}. */
  public static EventTimeRules withDefaults() {
    return new EventTimeRules(DEFAULT_MAX_FUTURE_SKEW);
  }

  /** How far in the future a timestamp may be. */
  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  /**
   * Returns {@code event} when its timestamp is at most {@link #maxFutureSkew()} after {@code now}.
   *
   * @throws InvalidEventException naming {@code timestamp} otherwise
   */
  public UserEvent requireNotInFuture(UserEvent event, Instant now) {
    if (event.occurredAt().isAfter(now.plus(maxFutureSkew))) {
      throw new InvalidEventException(
          "timestamp", "must not be more than " + maxFutureSkew + " in the future");
    }
    return event;
  }
}
