package io.userevents.consumer.projection;

/** Whether a projected user exists or was deleted (a tombstone row). */
public enum UserStatus {
  ACTIVE,
  DELETED
}
