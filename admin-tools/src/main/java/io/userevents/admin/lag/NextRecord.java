package io.userevents.admin.lag;

/**
 * What a partition holds at a group's committed offset: a record with its timestamp, nothing but
 * control records up to the log end (the group is caught up), or no answer.
 */
sealed interface NextRecord {

  /** The record at (or first after) the committed offset was written at {@code timestamp}. */
  record Found(long timestamp) implements NextRecord {}

  /** Only transaction markers between the committed offset and the log end. */
  record AtLogEnd() implements NextRecord {}

  /** The record could not be read; {@code reason} says why. */
  record Unavailable(String reason) implements NextRecord {}
}
