package io.userevents.consumer.projection;

import java.util.Locale;

/** What applying one event did to the projection. */
public enum Outcome {
  /** The event changed the user's row. */
  APPLIED,
  /** The event id was processed before; nothing changed. */
  DUPLICATE,
  /**
   * The user's row already reflects a newer event (or the user is deleted and the event is an
   * update); recorded as processed, nothing changed.
   */
  STALE;

  /** The value of the {@code outcome} metric tag. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
