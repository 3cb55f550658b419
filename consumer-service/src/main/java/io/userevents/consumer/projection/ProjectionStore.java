package io.userevents.consumer.projection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Where the projection keeps user rows and the ids of the events it processed.
 *
 * <p>Extension point: consumer-service defines one from the DataSource's database ({@link
 * ProjectionStoreAutoConfiguration}: PostgreSQL or H2, anything else is refused at start-up). An
 * application that declares its own {@code ProjectionStore} bean replaces it; the benchmarks' no-op
 * sink does, to measure the service without a database.
 *
 * <p>{@link Projection} calls {@link #claim} and {@link #writeUsers} inside one transaction, in
 * that order; a failure throws a {@link org.springframework.dao.DataAccessException} and rolls back
 * both. {@link Projection#probe()} calls them the same way for a synthetic event and always rolls
 * back, so a store must write inside the application's transaction to leave nothing of a probe.
 */
public interface ProjectionStore {

  /**
   * Records the event ids as processed, except those recorded before, and locks the existing rows
   * of {@code userIds} until the transaction ends. Event ids are claimed in sorted order: a
   * concurrent transaction that claims one of them waits for this one and then finds it recorded.
   *
   * @param fingerprints the event ids to record, each with the fingerprint of its content
   * @param userIds the users the events are about
   * @param appliedAt the time recorded with each event id
   * @return the ids recorded now and the locked rows
   */
  Claim claim(SortedMap<String, String> fingerprints, SortedSet<String> userIds, Instant appliedAt);

  /**
   * The fingerprints recorded with {@code eventIds}; an id recorded without one (before
   * fingerprints were kept) maps to the empty string, an unknown id is absent.
   */
  Map<String, String> fingerprints(Collection<String> eventIds);

  /**
   * Inserts or replaces whole rows. A row whose stored {@code lastEventTimestamp} is later than the
   * new one's is left as it is (a concurrent writer got there first).
   */
  void writeUsers(List<UserRow> rows);

  /** The user's row, active or deleted. */
  Optional<UserRow> findUser(String userId);

  /**
   * Active users ordered by user id, starting after {@code afterUserId} (from the first when null).
   */
  List<UserRow> findActive(@Nullable String afterUserId, int limit);

  /**
   * Listener threads this store suits when {@code userevents.consumer.concurrency} is not set: by
   * default 3, one per partition of {@code user-events}.
   */
  default int defaultConcurrency() {
    return 3;
  }

  /**
   * Forgets at most {@code limit} processed event ids recorded before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int pruneProcessed(Instant cutoff, int limit);

  /**
   * What {@link #claim} found.
   *
   * @param recorded event ids recorded by this call; the others were recorded before
   * @param users existing rows of the users asked for, by user id
   */
  record Claim(Set<String> recorded, Map<String, UserRow> users) {

    public Claim {
      recorded = Set.copyOf(recorded);
      users = Map.copyOf(users);
    }
  }
}
