package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserRow;

/** The user was deleted; the row is a tombstone. */
class UserGoneException extends RuntimeException {

  private final UserRow row;

  UserGoneException(UserRow row) {
    super("user " + row.userId() + " was deleted");
    this.row = row;
  }

  UserRow row() {
    return row;
  }
}
