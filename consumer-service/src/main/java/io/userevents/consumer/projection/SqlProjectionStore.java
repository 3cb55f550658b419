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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * What the PostgreSQL and H2 stores share: the column list, row mapping, queries over an id array,
 * and the statements that are the same on both (reads, fingerprints, pruning). Each store writes
 * its own {@link #claim} and {@link #writeUsers}.
 */
abstract class SqlProjectionStore implements ProjectionStore {

  protected static final String USER_COLUMNS =
      "user_id, username, email, status, last_event_id, last_event_ts, created_at, updated_at";

  protected final JdbcTemplate template;

  SqlProjectionStore(JdbcTemplate template) {
    this.template = template;
  }

  @Override
  public Map<String, String> fingerprints(Collection<String> eventIds) {
    Map<String, String> found = new HashMap<>();
    queryByIds(
            template,
            "SELECT event_id, fingerprint FROM processed_events WHERE event_id = ANY (?)",
            eventIds,
            (rs, rowNum) -> {
              String fingerprint = rs.getString("fingerprint");
              return Map.entry(rs.getString("event_id"), fingerprint == null ? "" : fingerprint);
            })
        .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
    return found;
  }

  @Override
  public Optional<UserRow> findUser(String userId) {
    return template
        .query(
            "SELECT " + USER_COLUMNS + " FROM users WHERE user_id = ?",
            SqlProjectionStore::userRow,
            userId)
        .stream()
        .findFirst();
  }

  /** Keyset paging over the (status, user_id) index: no OFFSET, no COUNT. */
  @Override
  public List<UserRow> findActive(@Nullable String afterUserId, int limit) {
    if (afterUserId == null) {
      return template.query(
          "SELECT "
              + USER_COLUMNS
              + " FROM users WHERE status = 'ACTIVE' ORDER BY user_id FETCH FIRST ? ROWS ONLY",
          SqlProjectionStore::userRow,
          limit);
    }
    return template.query(
        "SELECT "
            + USER_COLUMNS
            + " FROM users WHERE status = 'ACTIVE' AND user_id > ? ORDER BY user_id"
            + " FETCH FIRST ? ROWS ONLY",
        SqlProjectionStore::userRow,
        afterUserId,
        limit);
  }

  /** Deletes one small batch through the applied_at index. */
  @Override
  public int pruneProcessed(Instant cutoff, int limit) {
    return template.update(
        "DELETE FROM processed_events WHERE event_id IN (SELECT event_id FROM processed_events"
            + " WHERE applied_at < ? FETCH FIRST ? ROWS ONLY)",
        utc(cutoff),
        limit);
  }

  static UserRow userRow(ResultSet rs, int rowNum) throws SQLException {
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

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Runs {@code sql}, whose only parameter is an array of {@code ids}, and maps every row. */
  static <T> List<T> queryByIds(
      JdbcTemplate template, String sql, Collection<String> ids, RowMapper<T> mapper) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return template.execute(
        (ConnectionCallback<List<T>>)
            connection -> {
              Array array = connection.createArrayOf("varchar", ids.toArray());
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, array);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rows.add(mapper.mapRow(rs, rows.size()));
                  }
                }
                return rows;
              } finally {
                array.free();
              }
            });
  }

  /** Users by id, as a map. */
  static Map<String, UserRow> byUserId(List<UserRow> rows) {
    Map<String, UserRow> users = new HashMap<>();
    rows.forEach(row -> users.put(row.userId(), row));
    return users;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value.toInstant();
  }
}
