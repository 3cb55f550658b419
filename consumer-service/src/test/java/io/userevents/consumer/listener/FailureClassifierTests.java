package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailureClassifierTests {

  @Test
  void databaseUnavailableAndTimeoutsAreTransient() {
    assertThat(FailureClassifier.isTransient(new CannotGetJdbcConnectionException("down")))
        .isTrue();
    assertThat(
            FailureClassifier.isTransient(
                new CannotCreateTransactionException(
                    "no connection", new SQLTransientConnectionException("refused"))))
        .isTrue();
    assertThat(FailureClassifier.isTransient(new QueryTimeoutException("slow"))).isTrue();
    assertThat(FailureClassifier.isTransient(new DuplicateKeyException("concurrent delivery")))
        .isTrue();
  }

  @Test
  void dataErrorsAndBugsAreNotTransient() {
    assertThat(FailureClassifier.isTransient(new DataIntegrityViolationException("dup"))).isFalse();
    assertThat(FailureClassifier.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(
            FailureClassifier.isTransient(
                new DeserializationException("bad", new byte[0], false, null)))
        .isFalse();
  }

  @Test
  void onlyTransientFailuresWrappedByTheListenerAreRetried() {
    Exception retryable =
        new ListenerExecutionFailedException(
            "failed",
            new BatchListenerFailedException(
                "batch", new TransientFailureException(new QueryTimeoutException("slow")), 0));
    Exception rejected =
        new ListenerExecutionFailedException(
            "failed",
            new BatchListenerFailedException(
                "batch",
                new RejectedRecordException(DeadLetterReason.INVALID_EVENT, "email", "bad", null),
                0));

    assertThat(FailureClassifier.isRetryable(retryable)).isTrue();
    assertThat(FailureClassifier.isRetryable(rejected)).isFalse();
    assertThat(DeadLetterRecoverer.reasonOf(retryable))
        .isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThat(DeadLetterRecoverer.reasonOf(rejected)).isEqualTo(DeadLetterReason.INVALID_EVENT);
  }

  @Test
  void aBatchFailureThatNamesNoRecordBecomesATransientFailureOfTheFirstRecord() {
    Exception named =
        new ListenerExecutionFailedException(
            "failed",
            new BatchListenerFailedException(
                "batch",
                new RejectedRecordException(DeadLetterReason.EMPTY_VALUE, null, "x", null),
                3));
    Exception unnamed = new IllegalStateException("rebalance race");

    assertThat(UserEventsErrorHandler.namingFirstRecord(named)).isSameAs(named);
    Exception wrapped = UserEventsErrorHandler.namingFirstRecord(unnamed);
    assertThat(wrapped).isInstanceOf(BatchListenerFailedException.class);
    assertThat(((BatchListenerFailedException) wrapped).getIndex()).isZero();
    assertThat(FailureClassifier.isRetryable(wrapped)).isTrue();
  }
}
