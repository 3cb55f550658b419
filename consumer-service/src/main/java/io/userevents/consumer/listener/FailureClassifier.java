package io.userevents.consumer.listener;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure that is the record's from one that is not (a systemic failure).
 *
 * <p>A failure is <b>systemic</b> when the next, different record would fail the same way: the
 * database cannot be reached or does not answer in time, refuses writes (read-only), refuses us
 * (permission), does not have the schema we expect (a table missing or renamed: bad SQL grammar), a
 * lock that someone else holds, or any other database error that says nothing about the data. Such
 * a failure is retried without limit and never dead-lettered.
 *
 * <p>A failure is <b>the record's</b> when only its content can explain it: it cannot be decoded or
 * fails the event checks ({@link RejectedRecordException}, dead-lettered at once), the database
 * rejects its values (a data or integrity violation other than a duplicate key), or applying it
 * throws something that is not a database error. A duplicate key, deadlock or serialization failure
 * is a race with another delivery of the same user and passes on retry. These are retried up to
 * {@code retry.max-attempts} deliveries, then dead-lettered.
 *
 * <p>The exception alone cannot tell a record the database rejects from a schema that rejects every
 * record (a new NOT NULL column, a CHECK constraint), nor a record that trips a bug from a bug that
 * every record trips. So {@link DeadLetterRecoverer} checks with a probe event before it
 * dead-letters a record that failed while being applied; when that fails too, the record is held.
 */
final class FailureClassifier {

  /** SQLSTATE classes that never depend on the data of one record. */
  private static final Map<String, String> SYSTEMIC_SQL_STATE_CLASSES =
      Map.ofEntries(
          Map.entry("08", "database-unavailable"),
          Map.entry("53", "database-unavailable"),
          Map.entry("57", "database-unavailable"),
          Map.entry("58", "database-unavailable"),
          Map.entry("XX", "database-unavailable"),
          Map.entry("25", "database-error"),
          Map.entry("28", "permission"),
          Map.entry("42", "schema"),
          Map.entry("3F", "schema"),
          Map.entry("3D", "schema"),
          Map.entry("55", "database-error"));

  /** PostgreSQL's read-only transaction, and H2's own codes for a read-only database. */
  private static final List<String> READ_ONLY = List.of("25006", "90097", "90140");

  private FailureClassifier() {}

  /**
   * The reason (a metric tag) when {@code failure} is systemic, {@code null} when it is the
   * record's.
   */
  static @Nullable String systemicReason(Throwable failure) {
    SystemicFailureException systemic = cause(failure, SystemicFailureException.class);
    if (systemic != null) {
      return systemic.reason();
    }
    if (cause(failure, RejectedRecordException.class) != null
        || cause(failure, RecordFailureException.class) != null) {
      return null;
    }
    if (isConnectionFailure(failure)) {
      return "database-unavailable";
    }
    SQLException sql = cause(failure, SQLException.class);
    String state = sql == null ? null : sqlState(sql);
    if (state != null && READ_ONLY.contains(state)) {
      return "read-only";
    }
    if (state == null && sql != null && sql.getNextException() != null) {
      state = sqlState(sql.getNextException());
    }
    if (state != null && state.length() >= 2) {
      if ("57014".equals(state)) {
        return "timeout";
      }
      if ("55P03".equals(state)) {
        return "lock";
      }
      String reason = SYSTEMIC_SQL_STATE_CLASSES.get(state.substring(0, 2));
      if (reason != null) {
        return reason;
      }
    }
    if (isRecordDataFailure(failure)) {
      return null;
    }
    return kindOfSystemic(failure);
  }

  /** Whether {@code failure} is a race with another delivery that passes on retry. */
  static boolean isRace(Throwable failure) {
    return cause(failure, DuplicateKeyException.class) != null
        || (cause(failure, ConcurrencyFailureException.class) != null
            && cause(failure, CannotAcquireLockException.class) == null);
  }

  private static boolean isRecordDataFailure(Throwable failure) {
    return isRace(failure)
        || cause(failure, DataIntegrityViolationException.class) != null
        || (cause(failure, DataAccessException.class) == null
            && cause(failure, TransactionException.class) == null
            && cause(failure, SQLException.class) == null
            && !isNetwork(failure));
  }

  private static String kindOfSystemic(Throwable failure) {
    if (cause(failure, QueryTimeoutException.class) != null
        || cause(failure, SQLTimeoutException.class) != null
        || cause(failure, SocketTimeoutException.class) != null
        || cause(failure, TimeoutException.class) != null) {
      return "timeout";
    }
    if (cause(failure, CannotAcquireLockException.class) != null) {
      return "lock";
    }
    if (cause(failure, PermissionDeniedDataAccessException.class) != null) {
      return "permission";
    }
    if (cause(failure, InvalidDataAccessResourceUsageException.class) != null) {
      return "schema";
    }
    if (cause(failure, DataAccessResourceFailureException.class) != null
        || cause(failure, SQLTransientConnectionException.class) != null
        || cause(failure, SQLNonTransientConnectionException.class) != null
        || cause(failure, SQLRecoverableException.class) != null
        || cause(failure, TransactionException.class) != null
        || isNetwork(failure)) {
      return "database-unavailable";
    }
    return "database-error";
  }

  /**
   * No connection could be had: whatever the driver said (PostgreSQL refuses a database closed to
   * connections with SQLSTATE 55000, for example), the database is unavailable.
   */
  private static boolean isConnectionFailure(Throwable failure) {
    return cause(failure, CannotCreateTransactionException.class) != null
        || cause(failure, CannotGetJdbcConnectionException.class) != null
        || cause(failure, SQLTransientConnectionException.class) != null
        || cause(failure, SQLNonTransientConnectionException.class) != null;
  }

  private static boolean isNetwork(Throwable failure) {
    return cause(failure, ConnectException.class) != null
        || cause(failure, SocketTimeoutException.class) != null;
  }

  private static @Nullable String sqlState(SQLException sql) {
    String state = sql.getSQLState();
    return state == null ? null : state.toUpperCase(Locale.ROOT);
  }

  /** The first throwable in the cause chain of {@code failure} of the given type. */
  static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
    Map<Throwable, Boolean> visited = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && visited.put(t, Boolean.TRUE) == null; ) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      t = t.getCause();
    }
    return null;
  }
}
