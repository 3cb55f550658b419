package io.userevents.bench.db;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Row 4's baseline: the rows consumer-service's projection writes for each event (a {@code users}
 * upsert and a {@code processed_events} insert, with the same statements as its SQL dialect),
 * written by one thread with plain JDBC batches in transactions of {@code batchSize} events, with
 * no Kafka in between. {@link ChildJdbcBaseline} runs it through {@link #main} in a JVM of its own
 * with the services' JVM options.
 */
public final class JdbcUpsertBaseline {

  /** What {@link #main} prints before the rate, events per second. */
  static final String RATE_PREFIX = "baseline-rate=";

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

  private final BenchDatabase.Kind kind;
  private final String url;
  private final String user;
  private final int batchSize;

  JdbcUpsertBaseline(BenchDatabase.Kind kind, String url, String user, int batchSize) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.batchSize = batchSize;
  }

  /**
   * {@code KIND URL USER EVENTS_FILE BATCH_SIZE}: writes the events of the file (one encoded event
   * per line) and prints {@value #RATE_PREFIX} and the rate. Events are read a transaction's worth
   * at a time, as the service gets them from a poll, and reading them is not timed.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: KIND URL USER EVENTS_FILE BATCH_SIZE");
    }
    JdbcUpsertBaseline baseline =
        new JdbcUpsertBaseline(
            BenchDatabase.Kind.valueOf(args[0]), args[1], args[2], Integer.parseInt(args[4]));
    try (BufferedReader lines = Files.newBufferedReader(Path.of(args[3]), StandardCharsets.UTF_8)) {
      System.out.println(RATE_PREFIX + baseline.write(lines));
    }
  }

  /** Writes every event of {@code lines} and returns the rate, events per second. */
  double write(BufferedReader lines) throws SQLException, IOException {
    UserEventCodec codec = UserEventCodec.create();
    String upsert = kind == BenchDatabase.Kind.POSTGRESQL ? POSTGRES_UPSERT : H2_UPSERT;
    long written = 0;
    long elapsed = 0;
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.setAutoCommit(false);
      try (PreparedStatement users = c.prepareStatement(upsert);
          PreparedStatement processed = c.prepareStatement(INSERT_PROCESSED)) {
        elapsed += System.nanoTime() - start;
        List<UserEvent> batch = new ArrayList<>(batchSize);
        while (true) {
          batch.clear();
          String line;
          while (batch.size() < batchSize && (line = lines.readLine()) != null) {
            batch.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
          }
          if (batch.isEmpty()) {
            break;
          }
          long batchStart = System.nanoTime();
          OffsetDateTime now = utc(Instant.now());
          for (UserEvent e : batch) {
            users.setString(1, e.userId());
            users.setString(2, e.username());
            users.setString(3, e.email());
            users.setString(4, "ACTIVE");
            users.setString(5, e.eventId());
            users.setObject(6, utc(e.occurredAt()));
            users.setObject(7, now);
            users.setObject(8, now);
            users.addBatch();
            processed.setString(1, e.eventId());
            processed.setObject(2, now);
            processed.addBatch();
          }
          users.executeBatch();
          processed.executeBatch();
          c.commit();
          elapsed += System.nanoTime() - batchStart;
          written += batch.size();
        }
      }
    }
    return written / (elapsed / 1e9);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
