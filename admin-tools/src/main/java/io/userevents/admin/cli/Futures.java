package io.userevents.admin.cli;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for Admin futures with a deadline and rethrows the Kafka exception, not a wrapper. */
public final class Futures {

  private Futures() {}

  public static <T> T get(KafkaFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CliException(what + " failed: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new CliException(
          what + " timed out after " + timeout + " (check --bootstrap-server and --timeout)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(what + " interrupted", e);
    }
  }
}
