package io.userevents.consumer.listener;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells failures that may go away by themselves (retry) from those that will not (dead-letter).
 * Only the kinds listed here are retried; everything else is taken as a fault of the record.
 *
 * <p>{@link DuplicateKeyException} is here on purpose: the projection looks up processed event ids
 * and locks the users before it inserts, so a duplicate key means another consumer applied the same
 * event or created the same user at the same moment (a rebalance race). On retry the event is
 * recognised as a duplicate or the user row is found.
 */
final class FailureClassifier {

  private static final List<Class<? extends Throwable>> TRANSIENT =
      List.of(
          TransientDataAccessException.class,
          DuplicateKeyException.class,
          RecoverableDataAccessException.class,
          DataAccessResourceFailureException.class,
          CannotCreateTransactionException.class,
          TransactionSystemException.class,
          SQLTransientException.class,
          SQLRecoverableException.class,
          SQLNonTransientConnectionException.class,
          TimeoutException.class,
          SocketTimeoutException.class,
          ConnectException.class);

  private FailureClassifier() {}

  /** Whether {@code failure} or one of its causes is a transient kind. */
  static boolean isTransient(Throwable failure) {
    return find(failure, TRANSIENT) != null;
  }

  /** Whether the error handler should retry: a {@link TransientFailureException} in the chain. */
  static boolean isRetryable(Throwable failure) {
    return find(failure, List.of(TransientFailureException.class)) != null;
  }

  /** The first throwable in the cause chain of {@code failure} of the given type. */
  static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
    Throwable found = find(failure, List.of(type));
    return found == null ? null : type.cast(found);
  }

  private static @Nullable Throwable find(
      Throwable failure, List<Class<? extends Throwable>> types) {
    Map<Throwable, Boolean> visited = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && visited.put(t, Boolean.TRUE) == null; ) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
      t = t.getCause();
    }
    return null;
  }
}
