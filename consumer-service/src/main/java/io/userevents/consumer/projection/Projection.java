package io.userevents.consumer.projection;

import io.userevents.consumer.projection.ApplyResult.EventOutcome;
import io.userevents.consumer.projection.ProjectionRules.Decision;
import io.userevents.model.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies events to the projection. One call is one database transaction that both changes the user
 * rows and records every event id in {@code processed_events}, so an event that is delivered again
 * (redelivery after a crash, a replay) is recognised and skipped.
 */
@Service
public class Projection {

  private final JdbcProjectionStore store;
  private final TransactionTemplate transactions;

  Projection(JdbcProjectionStore store, TransactionTemplate transactions) {
    this.store = store;
    this.transactions = transactions;
  }

  /**
   * Applies {@code events} in order, in one transaction; either all of them are recorded or none.
   *
   * @throws org.springframework.dao.DataAccessException when the database fails; nothing was
   *     recorded
   */
  public ApplyResult apply(List<UserEvent> events) {
    if (events.isEmpty()) {
      return new ApplyResult(List.of(), Instant.now());
    }
    return Objects.requireNonNull(transactions.execute(status -> applyInTransaction(events)));
  }

  private ApplyResult applyInTransaction(List<UserEvent> events) {
    Instant now = Instant.now();
    SortedSet<String> eventIds = new TreeSet<>();
    SortedSet<String> userIds = new TreeSet<>();
    for (UserEvent event : events) {
      eventIds.add(event.eventId());
      userIds.add(event.userId());
    }
    JdbcProjectionStore.Claim claim = store.claim(eventIds, userIds, now);
    // Each id recorded now takes effect at its first occurrence; the rest are duplicates.
    Set<String> recorded = new HashSet<>(claim.recorded());
    Map<String, UserRow> stored = claim.users();
    Map<String, UserRow> current = new HashMap<>(stored);
    Map<String, UserRow> changed = new LinkedHashMap<>();
    List<EventOutcome> outcomes = new ArrayList<>(events.size());
    for (UserEvent event : events) {
      if (!recorded.remove(event.eventId())) {
        outcomes.add(new EventOutcome(event, Outcome.DUPLICATE));
        continue;
      }
      Decision decision = ProjectionRules.decide(current.get(event.userId()), event, now);
      UserRow next = decision.next();
      if (next != null) {
        current.put(next.userId(), next);
        changed.put(next.userId(), next);
      }
      outcomes.add(new EventOutcome(event, decision.outcome()));
    }
    List<UserRow> inserts = new ArrayList<>();
    List<UserRow> updates = new ArrayList<>();
    changed
        .values()
        .forEach(row -> (stored.containsKey(row.userId()) ? updates : inserts).add(row));
    store.writeUsers(inserts, updates);
    return new ApplyResult(outcomes, now);
  }
}
