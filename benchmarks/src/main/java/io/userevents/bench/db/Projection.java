package io.userevents.bench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads consumer-service's projection tables: {@code processed_events} (one row per applied event,
 * with its apply time) and {@code users}.
 */
public final class Projection {

  private final BenchDatabase database;

  public Projection(BenchDatabase database) {
    this.database = database;
  }

  /** Rows in {@code processed_events}: events applied. */
  public long processedEvents() throws SQLException {
    return count("SELECT COUNT(*) FROM processed_events");
  }

  /** Rows in {@code users}. */
  public long users() throws SQLException {
    return count("SELECT COUNT(*) FROM users");
  }

  /** The ids of every event in {@code processed_events}. */
  public Set<String> eventIds() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM processed_events")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Event id to apply time (epoch microseconds) of every applied event. */
  public Map<String, Long> appliedMicros() throws SQLException {
    Map<String, Long> applied = new HashMap<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id, applied_at FROM processed_events")) {
      while (rs.next()) {
        applied.put(rs.getString(1), micros(rs.getObject(2, OffsetDateTime.class)));
      }
    }
    return applied;
  }

  /**
   * Events per second applied, from the apply times in the table: the events after the first batch,
   * over the time from the first batch's commit to the last one's. Unlike a wall-clock measurement,
   * this leaves out the service's start-up.
   *
   * @return the rate, or -1 when the apply times do not allow it (one batch only)
   */
  public double drainRate() throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT MIN(applied_at), MAX(applied_at), COUNT(*) FROM processed_events");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      OffsetDateTime firstAt = rs.getObject(1, OffsetDateTime.class);
      OffsetDateTime lastAt = rs.getObject(2, OffsetDateTime.class);
      if (firstAt == null || lastAt == null) {
        return -1;
      }
      long first = micros(firstAt);
      long last = micros(lastAt);
      long total = rs.getLong(3);
      if (last <= first) {
        return -1;
      }
      long inFirstBatch;
      try (PreparedStatement q =
          c.prepareStatement("SELECT COUNT(*) FROM processed_events WHERE applied_at = ?")) {
        q.setObject(1, firstAt);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          inFirstBatch = r.getLong(1);
        }
      }
      return (total - inFirstBatch) / ((last - first) / 1e6);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long micros(OffsetDateTime t) {
    return t.toEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
