package io.userevents.consumer.support;

import java.sql.Connection;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts, on H2, every write of a {@code users} row by (user, last event): an event applied twice
 * writes the same pair twice, which no idempotency table can hide. An H2 trigger that runs in the
 * test's JVM; the counts are kept here.
 */
public final class UserWrites implements Trigger {

  private static final Map<String, AtomicInteger> WRITES = new ConcurrentHashMap<>();

  /** Installs the trigger on the {@code users} table of the database behind {@code jdbc}. */
  public static void install(JdbcClient jdbc) {
    jdbc.sql(
            "CREATE TRIGGER IF NOT EXISTS test_user_writes AFTER INSERT, UPDATE ON users"
                + " FOR EACH ROW CALL \""
                + UserWrites.class.getName()
                + "\"")
        .update();
  }

  /** (user, last event) pairs of {@code users} written more than once. */
  public static long rewrites(Collection<String> users) {
    return WRITES.entrySet().stream()
        .filter(e -> e.getValue().get() > 1)
        .filter(e -> users.contains(e.getKey().substring(0, e.getKey().indexOf('|'))))
        .count();
  }

  /** Writes of {@code users} rows seen, for these users. */
  public static long writes(Collection<String> users) {
    return WRITES.entrySet().stream()
        .filter(e -> users.contains(e.getKey().substring(0, e.getKey().indexOf('|'))))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
    WRITES.computeIfAbsent(newRow[0] + "|" + newRow[4], k -> new AtomicInteger()).incrementAndGet();
  }
}
