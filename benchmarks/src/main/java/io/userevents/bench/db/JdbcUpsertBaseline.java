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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Row 4's baseline: the rows consumer-service's projection writes for each event (a {@code users}
 * upsert and a {@code processed_events} insert, with the same statements as its SQL dialect),
 * written by {@code threads} threads (one connection each, as consumer-service's listener threads
 * have) with plain JDBC batches in transactions of {@code batchSize} events, with no Kafka in
 * between. {@link ChildJdbcBaseline} runs it through {@link #main} in a JVM of its own with the
 * services' JVM options.
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
  private final int threads;

  JdbcUpsertBaseline(BenchDatabase.Kind kind, String url, String user, int batchSize, int threads) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.batchSize = batchSize;
    this.threads = threads;
  }

  /**
   * {@code KIND URL USER EVENTS_FILE BATCH_SIZE THREADS}: writes the events of the file (one
   * encoded event per line) and prints {@value #RATE_PREFIX} and the rate. Each thread takes a
   * transaction's worth of lines at a time from the shared file and decodes them, as a listener
   * thread gets and decodes its records from a poll; the rate is over the wall time of all threads.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      throw new IllegalArgumentException("usage: KIND URL USER EVENTS_FILE BATCH_SIZE THREADS");
    }
    JdbcUpsertBaseline baseline =
        new JdbcUpsertBaseline(
            BenchDatabase.Kind.valueOf(args[0]),
            args[1],
            args[2],
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]));
    try (BufferedReader lines = Files.newBufferedReader(Path.of(args[3]), StandardCharsets.UTF_8)) {
      System.out.println(RATE_PREFIX + baseline.write(lines));
    }
  }

  /** Writes every event of {@code lines} and returns the rate, events per second. */
  double write(BufferedReader lines) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<Long>> writers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        writers.add(pool.submit(() -> writeBatches(lines)));
      }
      long written = 0;
      for (Future<Long> writer : writers) {
        written += writer.get();
      }
      return written / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One writer thread: batches from the shared reader until it is empty; the events written. */
  private long writeBatches(BufferedReader lines) throws SQLException, IOException {
    UserEventCodec codec = UserEventCodec.create();
    String upsert = kind == BenchDatabase.Kind.POSTGRESQL ? POSTGRES_UPSERT : H2_UPSERT;
    long written = 0;
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.setAutoCommit(false);
      try (PreparedStatement users = c.prepareStatement(upsert);
          PreparedStatement processed = c.prepareStatement(INSERT_PROCESSED)) {
        List<UserEvent> batch = new ArrayList<>(batchSize);
        while (true) {
          batch.clear();
          for (String line : nextBatch(lines)) {
            batch.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
          }
          if (batch.isEmpty()) {
            break;
          }
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
          written += batch.size();
        }
      }
    }
    return written;
  }

  private List<String> nextBatch(BufferedReader lines) throws IOException {
    synchronized (lines) {
      List<String> batch = new ArrayList<>(batchSize);
      String line;
      while (batch.size() < batchSize && (line = lines.readLine()) != null) {
        batch.add(line);
      }
      return batch;
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
