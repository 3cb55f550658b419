package io.userevents.consumer.projection;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The few statements that differ between databases. */
enum SqlDialect {
  /** Upserts from arrays, one statement per batch: see {@code JdbcProjectionStore}. */
  POSTGRESQL(null),
  H2(
      "MERGE INTO users (user_id, username, email, status, last_event_id, last_event_ts,"
          + " created_at, updated_at) KEY (user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
  OTHER(null);

  private final @Nullable String upsertUsers;

  SqlDialect(@Nullable String upsertUsers) {
    this.upsertUsers = upsertUsers;
  }

  /**
   * One statement that inserts or replaces a whole user row, written as a JDBC batch; null for
   * PostgreSQL (its own array statement) and for databases that get INSERT and UPDATE.
   */
  @Nullable String upsertUsers() {
    return upsertUsers;
  }

  static SqlDialect of(JdbcTemplate template) {
    String product =
        template.execute(
            (ConnectionCallback<String>)
                connection -> connection.getMetaData().getDatabaseProductName());
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    return OTHER;
  }
}
