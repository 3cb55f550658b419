package io.userevents.model;

/** The kinds of change a {@link UserEvent} describes. The wire name is the constant's name. */
public enum EventType {
  /** A user was registered; carries username and email. */
  USER_CREATED,
  /** A user's profile changed; carries the new username and email. */
  USER_UPDATED,
  /** A user was removed; username and email may be absent. */
  USER_DELETED;

  /** Whether events of this type must carry a username and an email address. */
  public boolean requiresProfile() {
    return this != USER_DELETED;
  }
}
