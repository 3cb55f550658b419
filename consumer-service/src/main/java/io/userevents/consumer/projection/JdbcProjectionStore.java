package io.userevents.consumer.projection;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the projection. Portable between PostgreSQL and H2 (MODE=PostgreSQL): plain SELECT ... FOR
 * UPDATE, INSERT and UPDATE, written as JDBC batches.
 */
@Repository
class JdbcProjectionStore {

  /** Largest IN list sent in one statement. */
  private static final int IN_CHUNK = 500;

  private static final String USER_COLUMNS =
      "user_id, username, email, status, last_event_id, last_event_ts, created_at, updated_at";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final SqlDialect dialect;

  JdbcProjectionStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
    this.dialect = SqlDialect.of(template);
  }

  /**
   * Records {@code eventIds} as processed, except those recorded before, and locks the existing
   * rows of {@code userIds} until the transaction ends. Event ids are claimed first, in sorted
   * order: a concurrent transaction that claims one of them waits for this one and then finds it
   * recorded.
   *
   * @return the ids recorded now (the others were processed before) and the locked user rows
   */
  Claim claim(SortedSet<String> eventIds, SortedSet<String> userIds, Instant appliedAt) {
    return switch (dialect) {
      case POSTGRESQL -> claimPostgres(eventIds, userIds, appliedAt);
      case H2 -> new Claim(insertNewH2(eventIds, appliedAt), lockUsers(userIds));
      case OTHER -> {
        Set<String> fresh = new HashSet<>(eventIds);
        fresh.removeAll(findProcessed(eventIds));
        insertProcessed(new ArrayList<>(new TreeSet<>(fresh)), appliedAt);
        yield new Claim(fresh, lockUsersInChunks(userIds));
      }
    };
  }

  /**
   * What {@link #claim} found.
   *
   * @param recorded event ids recorded by this call
   * @param users existing rows of the users asked for, by user id
   */
  record Claim(Set<String> recorded, Map<String, UserRow> users) {}

  /**
   * One statement: inserts the event ids that are new and returns them, then locks and returns the
   * user rows (the first branch of the UNION ALL runs to completion before the second).
   */
  private Claim claimPostgres(
      SortedSet<String> eventIds, SortedSet<String> userIds, Instant appliedAt) {
    return template.execute(
        (ConnectionCallback<Claim>)
            connection -> {
              Array ids = connection.createArrayOf("varchar", eventIds.toArray());
              Array users = connection.createArrayOf("varchar", userIds.toArray());
              try (PreparedStatement ps = connection.prepareStatement(POSTGRES_CLAIM)) {
                ps.setObject(1, utc(appliedAt));
                ps.setArray(2, ids);
                ps.setArray(3, users);
                Set<String> recorded = new HashSet<>();
                Map<String, UserRow> rows = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                  int rowNum = 0;
                  while (rs.next()) {
                    String recordedId = rs.getString("recorded_event_id");
                    if (recordedId != null) {
                      recorded.add(recordedId);
                    } else {
                      UserRow row = userRow(rs, rowNum++);
                      rows.put(row.userId(), row);
                    }
                  }
                }
                return new Claim(recorded, rows);
              } finally {
                ids.free();
                users.free();
              }
            });
  }

  private static final String POSTGRES_CLAIM =
      "WITH recorded AS (INSERT INTO processed_events (event_id, applied_at)"
          + " SELECT id, ? FROM unnest(?::varchar[]) AS ids (id)"
          + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id),"
          + " locked AS (SELECT "
          + USER_COLUMNS
          + " FROM users WHERE user_id = ANY (?::varchar[]) ORDER BY user_id FOR UPDATE)"
          + " SELECT event_id AS recorded_event_id, NULL AS user_id, NULL AS username,"
          + " NULL AS email, NULL AS status, NULL AS last_event_id,"
          + " NULL::timestamptz AS last_event_ts, NULL::timestamptz AS created_at,"
          + " NULL::timestamptz AS updated_at FROM recorded"
          + " UNION ALL SELECT NULL, "
          + USER_COLUMNS
          + " FROM locked";

  /**
   * One batch of {@code INSERT ... ON CONFLICT DO NOTHING}; an update count of 1 means the id was
   * new.
   */
  private Set<String> insertNewH2(SortedSet<String> eventIds, Instant appliedAt) {
    List<String> ids = new ArrayList<>(eventIds);
    OffsetDateTime at = utc(appliedAt);
    int[] counts =
        template.batchUpdate(
            "INSERT INTO processed_events (event_id, applied_at) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING",
            setter(
                ids,
                (ps, eventId) -> {
                  ps.setString(1, eventId);
                  ps.setObject(2, at);
                }));
    Set<String> recorded = new HashSet<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        recorded.add(ids.get(i));
      }
    }
    return recorded;
  }

  /** Which of {@code eventIds} were processed before. */
  Set<String> findProcessed(Collection<String> eventIds) {
    Set<String> found = new HashSet<>();
    for (List<String> chunk : chunks(eventIds)) {
      found.addAll(
          jdbc.sql("SELECT event_id FROM processed_events WHERE event_id IN (:ids)")
              .param("ids", chunk)
              .query(String.class)
              .list());
    }
    return found;
  }

  /** The rows of {@code userIds} that exist, locked until the transaction ends. */
  private Map<String, UserRow> lockUsers(Collection<String> userIds) {
    Map<String, UserRow> rows = new HashMap<>();
    if (userIds.isEmpty()) {
      return rows;
    }
    template.execute(
        (ConnectionCallback<Void>)
            connection -> {
              Array ids = connection.createArrayOf("varchar", userIds.toArray());
              try (PreparedStatement ps = connection.prepareStatement(LOCK_USERS)) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                  int rowNum = 0;
                  while (rs.next()) {
                    UserRow row = userRow(rs, rowNum++);
                    rows.put(row.userId(), row);
                  }
                }
              } finally {
                ids.free();
              }
              return null;
            });
    return rows;
  }

  private static final String LOCK_USERS =
      "SELECT " + USER_COLUMNS + " FROM users WHERE user_id = ANY (?) ORDER BY user_id FOR UPDATE";

  /** {@link #lockUsers} for databases without array parameters: IN lists of at most 500. */
  private Map<String, UserRow> lockUsersInChunks(Collection<String> userIds) {
    Map<String, UserRow> rows = new HashMap<>();
    for (List<String> chunk : chunks(userIds)) {
      jdbc.sql(
              "SELECT "
                  + USER_COLUMNS
                  + " FROM users WHERE user_id IN (:ids) ORDER BY user_id FOR UPDATE")
          .param("ids", chunk)
          .query(JdbcProjectionStore::userRow)
          .list()
          .forEach(row -> rows.put(row.userId(), row));
    }
    return rows;
  }

  /**
   * Writes new and changed rows. On PostgreSQL and H2 one upsert statement covers both (on
   * PostgreSQL it also refuses to move a row back in time); elsewhere INSERT and UPDATE.
   */
  void writeUsers(List<UserRow> inserts, List<UserRow> updates) {
    String upsert = dialect.upsertUsers();
    if (dialect == SqlDialect.POSTGRESQL || upsert != null) {
      List<UserRow> all = new ArrayList<>(inserts.size() + updates.size());
      all.addAll(inserts);
      all.addAll(updates);
      if (upsert == null) {
        upsertPostgres(all);
      } else {
        batch(upsert, all, JdbcProjectionStore::bindAllColumns);
      }
      return;
    }
    batch(
        "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
        JdbcProjectionStore::bindAllColumns);
    batch(
        "UPDATE users SET username = ?, email = ?, status = ?, last_event_id = ?,"
            + " last_event_ts = ?, updated_at = ? WHERE user_id = ?",
        updates,
        (ps, row) -> {
          ps.setString(1, row.username());
          ps.setString(2, row.email());
          ps.setString(3, row.status().name());
          ps.setString(4, row.lastEventId());
          ps.setObject(5, utc(row.lastEventTimestamp()));
          ps.setObject(6, utc(row.updatedAt()));
          ps.setString(7, row.userId());
        });
  }

  /**
   * PostgreSQL's upsert: one statement over array parameters, one per column, so one round trip and
   * one statement text for any number of rows. It refuses to move a row back in time.
   */
  private void upsertPostgres(List<UserRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[][] columns = new Object[8][n];
    for (int i = 0; i < n; i++) {
      UserRow row = rows.get(i);
      columns[0][i] = row.userId();
      columns[1][i] = row.username();
      columns[2][i] = row.email();
      columns[3][i] = row.status().name();
      columns[4][i] = row.lastEventId();
      columns[5][i] = timestampText(row.lastEventTimestamp());
      columns[6][i] = timestampText(row.createdAt());
      columns[7][i] = timestampText(row.updatedAt());
    }
    template.execute(
        (ConnectionCallback<Void>)
            connection -> {
              Array[] arrays = new Array[columns.length];
              try (PreparedStatement ps = connection.prepareStatement(POSTGRES_UPSERT_ARRAYS)) {
                for (int c = 0; c < columns.length; c++) {
                  arrays[c] = connection.createArrayOf("varchar", columns[c]);
                  ps.setArray(c + 1, arrays[c]);
                }
                ps.executeUpdate();
              } finally {
                for (Array array : arrays) {
                  if (array != null) {
                    array.free();
                  }
                }
              }
              return null;
            });
  }

  private static final String POSTGRES_UPSERT_ARRAYS =
      "INSERT INTO users ("
          + USER_COLUMNS
          + ") SELECT user_id, username, email, status, last_event_id,"
          + " last_event_ts::timestamptz, created_at::timestamptz, updated_at::timestamptz"
          + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[]) AS v ("
          + USER_COLUMNS
          + ") ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username,"
          + " email = EXCLUDED.email, status = EXCLUDED.status,"
          + " last_event_id = EXCLUDED.last_event_id, last_event_ts = EXCLUDED.last_event_ts,"
          + " updated_at = EXCLUDED.updated_at"
          + " WHERE users.last_event_ts <= EXCLUDED.last_event_ts";

  /** ISO-8601 in UTC, which PostgreSQL reads as a timestamptz. */
  private static String timestampText(Instant instant) {
    return instant.toString();
  }

  /** Records event ids as processed; fails on an id recorded before (primary key). */
  private void insertProcessed(List<String> eventIds, Instant appliedAt) {
    OffsetDateTime at = utc(appliedAt);
    batch(
        "INSERT INTO processed_events (event_id, applied_at) VALUES (?, ?)",
        eventIds,
        (ps, eventId) -> {
          ps.setString(1, eventId);
          ps.setObject(2, at);
        });
  }

  Optional<UserRow> findUser(String userId) {
    return jdbc.sql("SELECT " + USER_COLUMNS + " FROM users WHERE user_id = ?")
        .param(userId)
        .query(JdbcProjectionStore::userRow)
        .optional();
  }

  List<UserRow> findActive(long offset, int limit) {
    return jdbc.sql(
            "SELECT "
                + USER_COLUMNS
                + " FROM users WHERE status = 'ACTIVE' ORDER BY user_id LIMIT ? OFFSET ?")
        .param(limit)
        .param(offset)
        .query(JdbcProjectionStore::userRow)
        .list();
  }

  long countActive() {
    return jdbc.sql("SELECT COUNT(*) FROM users WHERE status = 'ACTIVE'")
        .query(Long.class)
        .single();
  }

  private static UserRow userRow(ResultSet rs, int rowNum) throws SQLException {
    return new UserRow(
        rs.getString("user_id"),
        rs.getString("username"),
        rs.getString("email"),
        UserStatus.valueOf(rs.getString("status")),
        rs.getString("last_event_id"),
        instant(rs, "last_event_ts"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = new ArrayList<>(values);
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
    }
    return chunks;
  }

  private static void bindAllColumns(PreparedStatement ps, UserRow row) throws SQLException {
    ps.setString(1, row.userId());
    ps.setString(2, row.username());
    ps.setString(3, row.email());
    ps.setString(4, row.status().name());
    ps.setString(5, row.lastEventId());
    ps.setObject(6, utc(row.lastEventTimestamp()));
    ps.setObject(7, utc(row.createdAt()));
    ps.setObject(8, utc(row.updatedAt()));
  }

  private <T> void batch(String sql, List<T> items, Binder<T> binder) {
    if (!items.isEmpty()) {
      template.batchUpdate(sql, setter(items, binder));
    }
  }

  private static <T> BatchPreparedStatementSetter setter(List<T> items, Binder<T> binder) {
    return new BatchPreparedStatementSetter() {
      @Override
      public void setValues(PreparedStatement ps, int i) throws SQLException {
        binder.bind(ps, items.get(i));
      }

      @Override
      public int getBatchSize() {
        return items.size();
      }
    };
  }

  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }
}
