package io.userevents.bench.db;

import io.userevents.model.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Row 4's baseline: the rows the projection writes for each event, written with plain JDBC batch
 * upserts in transactions of {@code batchSize} events, with no Kafka in between.
 */
public final class JdbcUpsertBaseline {

  private final BenchDatabase database;
  private final int batchSize;

  public JdbcUpsertBaseline(BenchDatabase database, int batchSize) {
    this.database = database;
    this.batchSize = batchSize;
  }

  /** Writes every event and returns the rate, events per second. */
  public double write(List<UserEvent> events) throws Exception {
    String upsertUser =
        database.kind() == BenchDatabase.Kind.POSTGRESQL
            ? "INSERT INTO users (user_id, username, email, status, last_event_id,"
                + " last_event_timestamp, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?,"
                + " ?, ?) ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username,"
                + " email = EXCLUDED.email, status = EXCLUDED.status, last_event_id ="
                + " EXCLUDED.last_event_id, last_event_timestamp = EXCLUDED.last_event_timestamp,"
                + " updated_at = EXCLUDED.updated_at"
            : "MERGE INTO users (user_id, username, email, status, last_event_id,"
                + " last_event_timestamp, created_at, updated_at) KEY (user_id) VALUES (?, ?, ?,"
                + " 'ACTIVE', ?, ?, ?, ?)";
    String insertProcessed = "INSERT INTO processed_events (event_id, applied_at) VALUES (?, ?)";
    long start = System.nanoTime();
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement users = c.prepareStatement(upsertUser);
          PreparedStatement processed = c.prepareStatement(insertProcessed)) {
        int inBatch = 0;
        for (UserEvent e : events) {
          Timestamp now = Timestamp.from(Instant.now());
          users.setString(1, e.userId());
          users.setString(2, e.username());
          users.setString(3, e.email());
          users.setString(4, e.eventId());
          users.setLong(5, e.timestamp());
          users.setTimestamp(6, now);
          users.setTimestamp(7, now);
          users.addBatch();
          processed.setString(1, e.eventId());
          processed.setTimestamp(2, now);
          processed.addBatch();
          if (++inBatch == batchSize) {
            processed.executeBatch();
            users.executeBatch();
            c.commit();
            inBatch = 0;
          }
        }
        if (inBatch > 0) {
          processed.executeBatch();
          users.executeBatch();
          c.commit();
        }
      }
    }
    return events.size() / ((System.nanoTime() - start) / 1e9);
  }
}
