package io.userevents.consumer.projection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projection on H2, in H2's own SQL (no compatibility mode needed, so any H2 URL works): event
 * ids are looked up, then the new ones inserted as a JDBC batch; user rows are locked with {@code
 * SELECT ... FOR UPDATE} and written with a {@code MERGE} that, like PostgreSQL's upsert, never
 * moves a row back in time.
 */
final class H2ProjectionStore extends SqlProjectionStore {

  private static final String MERGE_USERS =
      "MERGE INTO users t USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(50)),"
          + " CAST(? AS VARCHAR(254)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(128)),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s ("
          + USER_COLUMNS
          + ") ON t.user_id = s.user_id"
          + " WHEN MATCHED AND t.last_event_ts <= s.last_event_ts THEN UPDATE SET"
          + " username = s.username, email = s.email, status = s.status,"
          + " last_event_id = s.last_event_id, last_event_ts = s.last_event_ts,"
          + " updated_at = s.updated_at"
          + " WHEN NOT MATCHED THEN INSERT ("
          + USER_COLUMNS
          + ") VALUES (s.user_id, s.username, s.email, s.status, s.last_event_id,"
          + " s.last_event_ts, s.created_at, s.updated_at)";

  H2ProjectionStore(JdbcTemplate template) {
    super(template);
  }

  /**
   * Looks the ids up and inserts the new ones. Two transactions that claim the same new id at once
   * both insert it; the second fails on the primary key (a transient failure: on retry it finds the
   * id recorded).
   */
  @Override
  public Claim claim(
      SortedMap<String, String> fingerprints, SortedSet<String> userIds, Instant appliedAt) {
    Set<String> seen =
        new HashSet<>(
            queryByIds(
                template,
                "SELECT event_id FROM processed_events WHERE event_id = ANY (?)",
                fingerprints.keySet(),
                (rs, rowNum) -> rs.getString(1)));
    List<Map.Entry<String, String>> fresh = new ArrayList<>();
    fingerprints.entrySet().stream().filter(e -> !seen.contains(e.getKey())).forEach(fresh::add);
    OffsetDateTime at = utc(appliedAt);
    batch(
        "INSERT INTO processed_events (event_id, fingerprint, applied_at) VALUES (?, ?, ?)",
        fresh,
        (ps, entry) -> {
          ps.setString(1, entry.getKey());
          ps.setString(2, entry.getValue());
          ps.setObject(3, at);
        });
    Set<String> recorded = new HashSet<>();
    fresh.forEach(entry -> recorded.add(entry.getKey()));
    List<UserRow> locked =
        queryByIds(
            template,
            "SELECT "
                + USER_COLUMNS
                + " FROM users WHERE user_id = ANY (?) ORDER BY user_id"
                + " FOR UPDATE",
            userIds,
            SqlProjectionStore::userRow);
    return new Claim(recorded, byUserId(locked));
  }

  /**
   * One listener thread: H2 gains no throughput from more (measured draining 500,000 events into an
   * H2 file: the same events per second with one thread as with three, for three quarters of the
   * CPU and ~40 MB less memory; benchmarks/README.md, rows 4 and 7).
   */
  @Override
  public int defaultConcurrency() {
    return 1;
  }

  @Override
  public void writeUsers(List<UserRow> rows) {
    batch(
        MERGE_USERS,
        rows,
        (ps, row) -> {
          ps.setString(1, row.userId());
          ps.setString(2, row.username());
          ps.setString(3, row.email());
          ps.setString(4, row.status().name());
          ps.setString(5, row.lastEventId());
          ps.setObject(6, utc(row.lastEventTimestamp()));
          ps.setObject(7, utc(row.createdAt()));
          ps.setObject(8, utc(row.updatedAt()));
        });
  }

  private <T> void batch(String sql, List<T> items, Binder<T> binder) {
    if (items.isEmpty()) {
      return;
    }
    template.batchUpdate(
        sql,
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            binder.bind(ps, items.get(i));
          }

          @Override
          public int getBatchSize() {
            return items.size();
          }
        });
  }

  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }
}
