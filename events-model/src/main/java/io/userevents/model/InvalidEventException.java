package io.userevents.model;

/**
 * A {@link UserEvent} invariant does not hold. {@link #field()} names the offending field in its
 * wire spelling (for example {@code "email"} or {@code "metadata"}), so that an HTTP layer can
 * report it as a field error and a consumer can dead-letter the record with a precise reason.
 */
public class InvalidEventException extends IllegalArgumentException {

  private final String field;

  /**
   * @param field the wire name of the field that broke an invariant
   * @param message what is wrong with it, phrased for the person who sent it
   */
  public InvalidEventException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The wire name of the field that broke an invariant. */
  public String field() {
    return field;
  }
}
