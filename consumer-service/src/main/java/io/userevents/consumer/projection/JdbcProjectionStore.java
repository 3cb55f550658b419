package io.userevents.consumer.projection;

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
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
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
  Map<String, UserRow> lockUsers(Collection<String> userIds) {
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
    if (upsert != null) {
      List<UserRow> all = new ArrayList<>(inserts.size() + updates.size());
      all.addAll(inserts);
      all.addAll(updates);
      batch(upsert, all, JdbcProjectionStore::bindAllColumns);
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

  /** Records event ids as processed; fails on an id recorded before (primary key). */
  void insertProcessed(List<String> eventIds, Instant appliedAt) {
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
