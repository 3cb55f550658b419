package io.userevents.bench.db;

import io.userevents.bench.http.Micros;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Row 3's end point: when an event's change is committed and visible to a reader. A thread asks the
 * PostgreSQL projection every {@code interval} which of the acknowledged, not yet seen event ids
 * are in {@code processed_events} (written in the same transaction as the user row); an event is
 * visible from the start of the first query that found it. The commit happened between the start of
 * the query before and that one, so the time is at most one interval plus one query late, never
 * early. An event acknowledged after its commit is visible from the first query after its
 * acknowledgement: a client cannot read what it has no id for.
 */
public final class CommitWatcher implements AutoCloseable {

  private final BenchDatabase database;
  private final long intervalNanos;
  private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> visibleMicros = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile SQLException failure;

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
    pending.put(eventId, Boolean.TRUE);
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
      while (running) {
        long started = System.nanoTime();
        if (!pending.isEmpty()) {
          poll(c, query, Micros.at(started));
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

  private void poll(Connection c, PreparedStatement query, long startedMicros) throws SQLException {
    List<String> ids = new ArrayList<>(pending.keySet());
    Array array = c.createArrayOf("varchar", ids.toArray());
    query.setArray(1, array);
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        visibleMicros.putIfAbsent(id, startedMicros);
        pending.remove(id);
      }
    } finally {
      array.free();
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
