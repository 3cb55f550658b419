package io.userevents.admin.cli;

/** The JSON document printed instead of a result when a command fails with {@code -o json}. */
public record ErrorDocument(String command, int exitCode, Error error) {

  /** What went wrong: {@code usage} or {@code error}, the exception type, and the message. */
  public record Error(String kind, String type, String message) {}
}
