package io.userevents.admin.topics;

import org.jspecify.annotations.Nullable;

/** What happened to one change: {@code error == null} means it was made. */
record ApplyOutcome(TopicChange change, @Nullable String error) {

  boolean succeeded() {
    return error == null;
  }
}
