package io.userevents.consumer.projection;

import java.util.Locale;

/** What applying one event did to the projection. */
public enum Outcome {
  /** The event changed the user's row. */
  APPLIED,
  /** The event id was processed before; nothing changed. */
  DUPLICATE,
  /**
   * The event came back late (see {@code ProjectionRules}) or is an update of a deleted user;
   * recorded as processed, nothing changed.
   */
  STALE;

  /** The value of the {@code outcome} metric tag. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
