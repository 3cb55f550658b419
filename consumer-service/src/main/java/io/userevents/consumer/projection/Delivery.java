package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;

/**
 * An event as it reached the listener.
 *
 * @param event the event
 * @param replayed whether it came back from the dead-letter topic (the replay tool's header)
 */
public record Delivery(UserEvent event, boolean replayed) {

  /** An event read from the topic for the first time. */
  public static Delivery live(UserEvent event) {
    return new Delivery(event, false);
  }
}
