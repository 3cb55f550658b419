package io.userevents.bench.noop;

import io.userevents.consumer.projection.ProjectionStore;
import io.userevents.consumer.projection.ProjectionStoreAutoConfiguration;
import io.userevents.consumer.projection.UserRow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Row 5's no-op sink, appended by the harness to the class path of an unchanged consumer-service
 * (and registered as an auto-configuration there): it provides the service's documented extension
 * point, a {@link ProjectionStore} bean, which replaces the database store. Every event is then new
 * and every user unknown, so each one is applied by the service's own rules without a statement
 * sent to the database. Everything else (container, deserialization, record checks, the
 * projection's rules and transaction, metrics, offset commits) is the service's own. Compiled
 * against the service's classes, so a rename there breaks this build.
 */
@AutoConfiguration(before = ProjectionStoreAutoConfiguration.class)
public class NoopSinkAutoConfiguration {

  @Bean
  ProjectionStore noopProjectionStore() {
    System.out.println("BENCH no-op sink: the ProjectionStore discards every event");
    return new NoopProjectionStore();
  }

  /** Records nothing, finds nothing. */
  static final class NoopProjectionStore implements ProjectionStore {

    @Override
    public Claim claim(
        SortedMap<String, String> fingerprints, SortedSet<String> userIds, Instant appliedAt) {
      return new Claim(fingerprints.keySet(), Map.of());
    }

    @Override
    public Map<String, String> fingerprints(Collection<String> eventIds) {
      return Map.of();
    }

    @Override
    public void writeUsers(List<UserRow> rows) {}

    @Override
    public Optional<UserRow> findUser(String userId) {
      return Optional.empty();
    }

    @Override
    public List<UserRow> findActive(@Nullable String afterUserId, int limit) {
      return List.of();
    }

    @Override
    public int pruneProcessed(Instant cutoff, int limit) {
      return 0;
    }
  }
}
