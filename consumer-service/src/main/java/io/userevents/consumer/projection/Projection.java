package io.userevents.consumer.projection;

import io.userevents.consumer.ConsumerSettings;
import io.userevents.consumer.projection.ApplyResult.EventOutcome;
import io.userevents.consumer.projection.ProjectionRules.Decision;
import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies events to the projection. One call is one database transaction that both changes the user
 * rows and records every event id (with a fingerprint of its content) in {@code processed_events},
 * so an event that is delivered again (redelivery after a crash, a replay) is recognised and
 * skipped, and an event that reuses an id with other content is refused.
 *
 * <p>{@link #probe()} tells a record at fault from a projection that cannot apply any event.
 */
@Service
public class Projection {

  /**
   * The user of {@link #probe()}'s synthetic event. Its {@code /} cannot travel in
   * producer-service's single-user paths, and a probe never commits, so even a real user of that id
   * (the bulk API or a plain Kafka client could write one) is neither changed nor blocked beyond
   * one short transaction.
   */
  public static final String PROBE_USER_ID = "userevents-probe/consumer-service";

  /** How the event id of every {@link #probe()} starts; each probe takes a new one. */
  public static final String PROBE_EVENT_ID_PREFIX = "userevents-probe/";

  private final ProjectionStore store;
  private final TransactionTemplate transactions;
  private final TransactionTemplate probeTransactions;
  private final Object probeLock = new Object();
  private final Duration lateArrivalTolerance;

  @Autowired
  Projection(ProjectionStore store, TransactionTemplate transactions, ConsumerSettings settings) {
    this(store, transactions, settings.ordering().lateArrivalTolerance());
  }

  Projection(
      ProjectionStore store, TransactionTemplate transactions, Duration lateArrivalTolerance) {
    this.store = store;
    this.transactions = transactions;
    this.probeTransactions =
        new TransactionTemplate(
            Objects.requireNonNull(transactions.getTransactionManager()), transactions);
    this.probeTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.lateArrivalTolerance = lateArrivalTolerance;
  }

  /** {@link #applyDeliveries} for events read from the topic for the first time. */
  public ApplyResult apply(List<UserEvent> events) {
    return applyDeliveries(events.stream().map(Delivery::live).toList());
  }

  /**
   * Applies {@code deliveries} in order, in one transaction; either all of them are recorded or
   * none.
   *
   * @throws EventIdConflictException when an event reuses the id of an event processed with other
   *     content; nothing was recorded
   * @throws org.springframework.dao.DataAccessException when the database fails; nothing was
   *     recorded
   */
  public ApplyResult applyDeliveries(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return new ApplyResult(List.of(), Instant.now());
    }
    return Objects.requireNonNull(transactions.execute(status -> applyInTransaction(deliveries)));
  }

  /**
   * Applies a known-good synthetic event ({@code USER_CREATED} of {@value #PROBE_USER_ID}, a new
   * event id) exactly as {@link #applyDeliveries} applies a record, in a transaction of its own
   * that is always rolled back: neither its row nor its event id stays. Meant for the dead-letter
   * path only, never per record: when a record's failure looks like its own, a probe that fails too
   * shows that no event can be applied (a schema changed under the service, a bug), so the record
   * is not at fault. The probes of one instance run one at a time, as they write the same user.
   *
   * @throws RuntimeException what applying the probe event threw (a {@link
   *     org.springframework.dao.DataAccessException} when the database refused it), or an {@link
   *     IllegalStateException} when the event was not applied
   */
  public void probe() {
    UserEvent event = probeEvent();
    synchronized (probeLock) {
      probeTransactions.executeWithoutResult(
          status -> {
            status.setRollbackOnly();
            Outcome outcome =
                applyInTransaction(List.of(Delivery.live(event))).outcomes().get(0).outcome();
            if (outcome != Outcome.APPLIED) {
              throw new IllegalStateException("the probe event was not applied but " + outcome);
            }
          });
    }
  }

  /**
   * A new synthetic {@code USER_CREATED} event of {@value #PROBE_USER_ID}, as {@link #probe()}
   * applies it: valid, with a new event id.
   */
  public static UserEvent probeEvent() {
    return new UserEvent(
        PROBE_EVENT_ID_PREFIX + UUID.randomUUID(),
        EventType.USER_CREATED,
        PROBE_USER_ID,
        "userevents_probe",
        "probe@userevents.invalid",
        System.currentTimeMillis(),
        Map.of(),
        UserEvent.CURRENT_SCHEMA_VERSION,
        null);
  }

  private ApplyResult applyInTransaction(List<Delivery> deliveries) {
    Instant now = Instant.now();
    int n = deliveries.size();
    String[] prints = new String[n];
    SortedMap<String, String> firstPrints = new TreeMap<>();
    SortedSet<String> userIds = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      UserEvent event = deliveries.get(i).event();
      prints[i] = EventFingerprint.of(event);
      firstPrints.putIfAbsent(event.eventId(), prints[i]);
      userIds.add(event.userId());
    }
    ProjectionStore.Claim claim = store.claim(firstPrints, userIds, now);
    // Each id recorded now takes effect at its first occurrence; the rest are duplicates.
    Set<String> recorded = new HashSet<>(claim.recorded());
    Map<String, String> knownPrints = new HashMap<>(firstPrints);
    if (recorded.size() < firstPrints.size()) {
      Set<String> before = new HashSet<>(firstPrints.keySet());
      before.removeAll(recorded);
      knownPrints.putAll(store.fingerprints(before));
    }
    Map<String, UserRow> current = new HashMap<>(claim.users());
    Map<String, UserRow> changed = new LinkedHashMap<>();
    List<EventOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Delivery delivery = deliveries.get(i);
      UserEvent event = delivery.event();
      if (!recorded.remove(event.eventId())) {
        String known = knownPrints.get(event.eventId());
        if (!EventFingerprint.sameEvent(known, event, prints[i])) {
          throw new EventIdConflictException(i, event.eventId());
        }
        outcomes.add(new EventOutcome(event, Outcome.DUPLICATE));
        continue;
      }
      Decision decision =
          ProjectionRules.decide(
              current.get(event.userId()), event, delivery.replayed(), lateArrivalTolerance, now);
      UserRow next = decision.next();
      if (next != null) {
        current.put(next.userId(), next);
        changed.put(next.userId(), next);
      }
      outcomes.add(new EventOutcome(event, decision.outcome()));
    }
    store.writeUsers(new ArrayList<>(changed.values()));
    return new ApplyResult(outcomes, now);
  }
}
