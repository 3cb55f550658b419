package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import java.time.Instant;
import java.util.List;

/**
 * What one call of {@link Projection#apply(List)} did, event by event, in input order.
 *
 * @param outcomes one entry per input event
 * @param appliedAt when the transaction that recorded them ran
 */
public record ApplyResult(List<EventOutcome> outcomes, Instant appliedAt) {

  public ApplyResult {
    outcomes = List.copyOf(outcomes);
  }

  /** How many events had the given outcome. */
  public long count(Outcome outcome) {
    return outcomes.stream().filter(o -> o.outcome() == outcome).count();
  }

  /**
   * One event and its outcome.
   *
   * @param event the event
   * @param outcome what it did
   */
  public record EventOutcome(UserEvent event, Outcome outcome) {}
}
