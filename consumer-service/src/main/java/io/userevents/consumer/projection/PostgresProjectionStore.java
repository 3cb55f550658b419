package io.userevents.consumer.projection;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projection on PostgreSQL. Every statement takes arrays ({@code unnest}, {@code = ANY}), so a
 * batch of any size is one round trip and one statement text: one statement claims the event ids
 * and locks the users, one upserts the changed rows.
 */
final class PostgresProjectionStore extends SqlProjectionStore {

  /**
   * Inserts the event ids that are new and returns them, then locks and returns the user rows (the
   * first branch of the UNION ALL runs to completion before the second).
   */
  private static final String CLAIM =
      "WITH recorded AS (INSERT INTO processed_events (event_id, fingerprint, applied_at)"
          + " SELECT id, fp, ? FROM unnest(?::varchar[], ?::varchar[]) AS ids (id, fp)"
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

  /** One array per column; timestamps travel as ISO-8601 text, which PostgreSQL reads. */
  private static final String UPSERT =
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

  PostgresProjectionStore(JdbcTemplate template) {
    super(template);
  }

  @Override
  public Claim claim(
      SortedMap<String, String> fingerprints, SortedSet<String> userIds, Instant appliedAt) {
    return template.execute(
        (ConnectionCallback<Claim>)
            connection -> {
              Array ids = connection.createArrayOf("varchar", fingerprints.keySet().toArray());
              Array prints = connection.createArrayOf("varchar", fingerprints.values().toArray());
              Array users = connection.createArrayOf("varchar", userIds.toArray());
              try (PreparedStatement ps = connection.prepareStatement(CLAIM)) {
                ps.setObject(1, utc(appliedAt));
                ps.setArray(2, ids);
                ps.setArray(3, prints);
                ps.setArray(4, users);
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
                prints.free();
                users.free();
              }
            });
  }

  @Override
  public void writeUsers(List<UserRow> rows) {
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
      columns[5][i] = row.lastEventTimestamp().toString();
      columns[6][i] = row.createdAt().toString();
      columns[7][i] = row.updatedAt().toString();
    }
    template.execute(
        (ConnectionCallback<Void>)
            connection -> {
              Array[] arrays = new Array[columns.length];
              try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
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
}
