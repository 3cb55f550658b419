package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailureClassifierTests {

  @Test
  void databaseUnavailableAndTimeoutsAreSystemic() {
    assertThat(FailureClassifier.systemicReason(new CannotGetJdbcConnectionException("down")))
        .isEqualTo("database-unavailable");
    assertThat(
            FailureClassifier.systemicReason(
                new CannotCreateTransactionException(
                    "no connection", new SQLTransientConnectionException("refused", "08001"))))
        .isEqualTo("database-unavailable");
    assertThat(FailureClassifier.systemicReason(new QueryTimeoutException("slow")))
        .isEqualTo("timeout");
    assertThat(
            FailureClassifier.systemicReason(
                new UncategorizedSQLException(
                    "update", "x", new SQLException("canceling statement", "57014"))))
        .isEqualTo("timeout");
    assertThat(
            FailureClassifier.systemicReason(
                new DataAccessResourceFailureException("read", new SocketTimeoutException())))
        .isEqualTo("timeout");
  }

  @Test
  void schemaPermissionReadOnlyAndLockFailuresAreSystemic() {
    assertThat(
            FailureClassifier.systemicReason(
                new BadSqlGrammarException(
                    "insert", "x", new SQLException("relation does not exist", "42P01"))))
        .isEqualTo("schema");
    assertThat(
            FailureClassifier.systemicReason(
                new BadSqlGrammarException(
                    "insert", "x", new SQLException("permission denied", "42501"))))
        .isEqualTo("schema");
    assertThat(
            FailureClassifier.systemicReason(
                new UncategorizedSQLException(
                    "insert", "x", new SQLException("read-only transaction", "25006"))))
        .isEqualTo("read-only");
    assertThat(
            FailureClassifier.systemicReason(
                new UncategorizedSQLException(
                    "insert", "x", new SQLException("database is read only", "90097"))))
        .isEqualTo("read-only");
    assertThat(FailureClassifier.systemicReason(new CannotAcquireLockException("lock")))
        .isEqualTo("lock");
    assertThat(
            FailureClassifier.systemicReason(
                new UncategorizedSQLException("x", "x", new SQLException("odd", "P0001"))))
        .isEqualTo("database-error");
  }

  @Test
  void dataErrorsRacesAndBugsAreTheRecords() {
    assertThat(
            FailureClassifier.systemicReason(
                new DataIntegrityViolationException(
                    "too long", new SQLDataException("value too long", "22001"))))
        .isNull();
    assertThat(FailureClassifier.systemicReason(new DuplicateKeyException("concurrent delivery")))
        .isNull();
    assertThat(FailureClassifier.systemicReason(new IllegalStateException("bug"))).isNull();
    assertThat(
            FailureClassifier.systemicReason(
                new DeserializationException("bad", new byte[0], false, null)))
        .isNull();
    assertThat(FailureClassifier.isRace(new DuplicateKeyException("concurrent delivery"))).isTrue();
    assertThat(FailureClassifier.isRace(new PessimisticLockingFailureException("deadlock")))
        .isTrue();
    assertThat(FailureClassifier.isRace(new CannotAcquireLockException("lock"))).isFalse();
  }

  @Test
  void theListenersWrappersDecideAndTheRecovererRefusesSystemicFailures() {
    Exception systemic = wrapped(new SystemicFailureException("schema", new RuntimeException()));
    Exception recordFault =
        wrapped(new RecordFailureException(new DataIntegrityViolationException("bad")));
    Exception race = wrapped(new RecordFailureException(new DuplicateKeyException("race")));
    Exception rejected =
        wrapped(new RejectedRecordException(DeadLetterReason.INVALID_EVENT, "email", "bad", null));

    assertThat(FailureClassifier.systemicReason(systemic)).isEqualTo("schema");
    assertThat(FailureClassifier.systemicReason(recordFault)).isNull();
    assertThat(FailureClassifier.systemicReason(rejected)).isNull();
    assertThat(DeadLetterRecoverer.reasonOf(recordFault))
        .isEqualTo(DeadLetterReason.PROCESSING_FAILED);
    assertThat(DeadLetterRecoverer.reasonOf(race)).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThat(DeadLetterRecoverer.reasonOf(rejected)).isEqualTo(DeadLetterReason.INVALID_EVENT);
  }

  @Test
  void aBatchFailureThatNamesNoRecordIsHeldAsASystemicFailureOfTheFirstRecord() {
    Exception named =
        wrapped(new RejectedRecordException(DeadLetterReason.EMPTY_VALUE, null, "x", null));
    Exception unnamed = new IllegalStateException("rebalance race");

    assertThat(UserEventsErrorHandler.namingFirstRecord(named)).isSameAs(named);
    Exception wrapped = UserEventsErrorHandler.namingFirstRecord(unnamed);
    assertThat(wrapped).isInstanceOf(BatchListenerFailedException.class);
    assertThat(((BatchListenerFailedException) wrapped).getIndex()).isZero();
    assertThat(FailureClassifier.systemicReason(wrapped)).isEqualTo("listener-error");
  }

  private static Exception wrapped(RuntimeException cause) {
    return new ListenerExecutionFailedException(
        "failed", new BatchListenerFailedException("batch", cause, 0));
  }
}
