package io.userevents.bench.db;

import io.userevents.bench.http.Micros;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Row 3's end point: when an event's change is committed and visible to a reader. A thread asks the
 * PostgreSQL projection which of the acknowledged, not yet seen event ids are in {@code
 * processed_events} (written in the same transaction as the user row); an event is visible from the
 * moment the first query that found it returned. The commit happened before that query's snapshot,
 * which is taken before it returns, and after the snapshot of the query before, so the time is late
 * by at most the gap between the two queries plus one query, never early. An event acknowledged
 * after its commit is visible from the first query after its acknowledgement: a client cannot read
 * what it has no id for.
 *
 * <p>An event is asked about every {@code interval} at first; once it has waited longer, every
 * {@value #AGE_FRACTION}th of the time since its acknowledgement, so that a reading is late by at
 * most {@code interval} or a tenth of the event's wait, whichever is larger. Asking about every
 * pending event every {@code interval} made each query as long as the backlog, on the database and
 * the two cores the consumer needs: a measurement that slowed what it measured.
 */
public final class CommitWatcher implements AutoCloseable {

  /** Once it waits longer than {@code interval}, an event is asked about after 1/10 of its wait. */
  static final int AGE_FRACTION = 10;

  private final BenchDatabase database;
  private final long intervalNanos;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> visibleMicros = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile SQLException failure;

  /** An event not seen yet: when it was acknowledged and when to ask about it next. */
  private static final class Pending {
    final long acknowledgedNanos;
    long nextAskNanos;

    Pending(long acknowledgedNanos) {
      this.acknowledgedNanos = acknowledgedNanos;
      this.nextAskNanos = acknowledgedNanos;
    }
  }

  private CommitWatcher(BenchDatabase database, Duration interval) {
    this.database = database;
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::watch, "bench-commit-watcher");
    this.thread.setDaemon(true);
  }

  /** Starts watching a PostgreSQL projection. */
  public static CommitWatcher start(BenchDatabase database, Duration interval) {
    if (database.kind() != BenchDatabase.Kind.POSTGRESQL) {
      throw new IllegalArgumentException("the commit watcher reads PostgreSQL arrays");
    }
    CommitWatcher watcher = new CommitWatcher(database, interval);
    watcher.thread.start();
    return watcher;
  }

  /** Watches for this event from now on. */
  public void watch(String eventId) {
    pending.put(eventId, new Pending(System.nanoTime()));
  }

  /** When the event was first seen committed (epoch microseconds, {@link Micros}), or null. */
  public Long visibleMicros(String eventId) {
    return visibleMicros.get(eventId);
  }

  /** Events watched and not seen yet. */
  public int pending() {
    return pending.size();
  }

  private void watch() {
    try (Connection c = database.connect();
        PreparedStatement query =
            c.prepareStatement("SELECT event_id FROM processed_events WHERE event_id = ANY (?)")) {
      c.setAutoCommit(true);
      try (Statement settings = c.createStatement()) {
        // As consumer-service's pool does: a generic plan, cached while processed_events was
        // empty, seq-scans it on every query as it grows (100 million rows read in two minutes).
        settings.execute("SET plan_cache_mode = force_custom_plan");
      }
      while (running) {
        long started = System.nanoTime();
        if (!pending.isEmpty()) {
          poll(c, query);
        }
        long wait;
        while (running && (wait = started + intervalNanos - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    } catch (SQLException e) {
      failure = e;
    }
  }

  private void poll(Connection c, PreparedStatement query) throws SQLException {
    long now = System.nanoTime();
    List<String> ids = new ArrayList<>();
    pending.forEach(
        (id, event) -> {
          if (event.nextAskNanos - now <= 0) {
            ids.add(id);
          }
        });
    if (ids.isEmpty()) {
      return;
    }
    Array array = c.createArrayOf("varchar", ids.toArray());
    query.setArray(1, array);
    try (ResultSet rs = query.executeQuery()) {
      // Taken when the answer is here, after the query's snapshot: never before the commit.
      long answeredMicros = Micros.at(System.nanoTime());
      while (rs.next()) {
        String id = rs.getString(1);
        visibleMicros.putIfAbsent(id, answeredMicros);
        pending.remove(id);
      }
    } finally {
      array.free();
    }
    for (String id : ids) {
      Pending event = pending.get(id);
      if (event != null) {
        event.nextAskNanos =
            now + Math.max(intervalNanos, (now - event.acknowledgedNanos) / AGE_FRACTION);
      }
    }
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join(10_000);
    if (failure != null) {
      throw failure;
    }
  }
}
