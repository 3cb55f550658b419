package io.userevents.consumer.projection;

/**
 * An event reuses the id of an event already processed with different content. Thrown from {@link
 * Projection#applyDeliveries} before anything is committed; the events before {@link #index()} can
 * be applied on their own.
 */
public class EventIdConflictException extends RuntimeException {

  private final int index;

  EventIdConflictException(int index, String eventId) {
    super("event id " + eventId + " was processed before with different content");
    this.index = index;
  }

  /** Position of the conflicting event in the list given to {@link Projection#applyDeliveries}. */
  public int index() {
    return index;
  }
}
