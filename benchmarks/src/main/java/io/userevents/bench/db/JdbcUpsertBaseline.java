package io.userevents.bench.db;

import io.userevents.model.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Row 4's baseline: the rows consumer-service's projection writes for each event (a {@code users}
 * upsert and a {@code processed_events} insert, with the same statements as its SQL dialect),
 * written by one thread with plain JDBC batches in transactions of {@code batchSize} events, with
 * no Kafka in between.
 */
public final class JdbcUpsertBaseline {

  private static final String USER_COLUMNS =
      "user_id, username, email, status, last_event_id, last_event_ts, created_at, updated_at";

  private static final String POSTGRES_UPSERT =
      "INSERT INTO users ("
          + USER_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
          + " username = EXCLUDED.username, email = EXCLUDED.email, status = EXCLUDED.status,"
          + " last_event_id = EXCLUDED.last_event_id, last_event_ts = EXCLUDED.last_event_ts,"
          + " updated_at = EXCLUDED.updated_at"
          + " WHERE users.last_event_ts <= EXCLUDED.last_event_ts";

  private static final String H2_UPSERT =
      "MERGE INTO users (" + USER_COLUMNS + ") KEY (user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_PROCESSED =
      "INSERT INTO processed_events (event_id, applied_at) VALUES (?, ?)";

  private final BenchDatabase database;
  private final int batchSize;

  public JdbcUpsertBaseline(BenchDatabase database, int batchSize) {
    this.database = database;
    this.batchSize = batchSize;
  }

  /** Writes every event and returns the rate, events per second. */
  public double write(List<UserEvent> events) throws Exception {
    String upsert = database.kind() == BenchDatabase.Kind.POSTGRESQL ? POSTGRES_UPSERT : H2_UPSERT;
    long start = System.nanoTime();
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement users = c.prepareStatement(upsert);
          PreparedStatement processed = c.prepareStatement(INSERT_PROCESSED)) {
        int inBatch = 0;
        OffsetDateTime now = utc(Instant.now());
        for (UserEvent e : events) {
          OffsetDateTime eventTs = utc(e.occurredAt());
          users.setString(1, e.userId());
          users.setString(2, e.username());
          users.setString(3, e.email());
          users.setString(4, "ACTIVE");
          users.setString(5, e.eventId());
          users.setObject(6, eventTs);
          users.setObject(7, now);
          users.setObject(8, now);
          users.addBatch();
          processed.setString(1, e.eventId());
          processed.setObject(2, now);
          processed.addBatch();
          if (++inBatch == batchSize) {
            users.executeBatch();
            processed.executeBatch();
            c.commit();
            inBatch = 0;
            now = utc(Instant.now());
          }
        }
        if (inBatch > 0) {
          users.executeBatch();
          processed.executeBatch();
          c.commit();
        }
      }
    }
    return events.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
