package io.userevents.consumer.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.consumer.ConsumerSettings;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.stereotype.Component;

/**
 * Which consumers are held by a systemic failure, and why: counted in {@value #FAILURES} (tag
 * {@code reason}, one per failed delivery attempt), shown by the gauge {@value #PAUSED} (1 while
 * any consumer is held) and in readiness, and logged when a hold starts, once per {@link
 * #LOG_INTERVAL} while it lasts, and when it ends; never once per record.
 *
 * <p>A consumer is held from its first systemic failure until it applies a batch again. A partition
 * whose record cannot be dead-lettered (the topic does not take it, or the probe failed too) is
 * held (only that partition is paused) until the dead letter is written or the record is applied,
 * whatever the consumer's other partitions do. A consumer or partition that moved elsewhere stops
 * failing; its entry expires after two back-off intervals and a minute.
 */
@Component
public class SystemicFailures {

  static final String FAILURES = "userevents.consumer.systemic.failures";
  static final String PAUSED = "userevents.consumer.paused";
  static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SystemicFailures.class);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration expiry;
  private final Map<String, Failure> byConsumer = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Failure> byPartition = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile @Nullable Instant heldSince;
  private Instant lastLogged = Instant.EPOCH;
  private long failuresSinceLog;

  /** What holds consumption: the latest reason, its cause, since when, and how many consumers. */
  public record Hold(String reason, String cause, Instant since, int consumers) {}

  private record Failure(String reason, String cause, Instant last, String consumer) {}

  SystemicFailures(MeterRegistry registry, ConsumerSettings settings) {
    this.registry = registry;
    this.clock = Clock.systemUTC();
    this.expiry = settings.retry().maxInterval().multipliedBy(2).plusMinutes(1);
    Gauge.builder(PAUSED, this, failures -> failures.current() == null ? 0 : 1)
        .description("1 while the listener is held for a systemic failure, else 0")
        .strongReference(true)
        .register(registry);
  }

  /** A delivery attempt on this consumer's thread failed for a reason that is not the record's. */
  void failed(String reason, Throwable failure) {
    holdConsumer(reason, describe(failure));
  }

  /**
   * A record of {@code partition} could not be dead-lettered (the topic refuses our writes or is
   * unavailable, or a healthy probe event failed as well): the partition is held until {@link
   * #deadLettered} or {@link #applied}.
   */
  void deadLetterRefused(TopicPartition partition, String reason, Throwable failure) {
    Failure entry = entry(reason, describe(failure));
    byPartition.put(partition, entry);
    counted(entry);
  }

  /** A record of {@code partition} was dead-lettered: the partition is no longer held. */
  void deadLettered(TopicPartition partition) {
    if (byPartition.remove(partition) != null) {
      logResumed();
    }
  }

  /**
   * These records were applied: a partition that waited for a dead letter is no longer held (its
   * record passed on a later delivery after all).
   */
  void applied(List<? extends ConsumerRecord<?, ?>> records) {
    if (byPartition.isEmpty()) {
      return;
    }
    Set<TopicPartition> partitions = new HashSet<>();
    for (ConsumerRecord<?, ?> record : records) {
      partitions.add(new TopicPartition(record.topic(), record.partition()));
    }
    partitions.forEach(this::deadLettered);
  }

  /**
   * The broker refused this consumer's credentials or ACLs on poll (a revoked {@code READ} on the
   * topic or the group, say): the container retries every {@code retry.max-interval} instead of
   * stopping ({@code authExceptionRetryInterval}), and this counts as a hold like any other
   * systemic failure. Published on the consumer's own thread.
   */
  @EventListener
  void onAuthFailure(ConsumerRetryAuthEvent event) {
    holdConsumer(
        "kafka-" + event.getReason().name().toLowerCase(Locale.ROOT),
        "broker refused the consumer (" + event.getReason() + ")");
  }

  /** The consumer polled again after an authentication or authorization failure. */
  @EventListener
  void onAuthRecovered(ConsumerRetryAuthSuccessfulEvent event) {
    cleared();
  }

  private void holdConsumer(String reason, String cause) {
    Failure entry = entry(reason, cause);
    byConsumer.put(entry.consumer(), entry);
    counted(entry);
  }

  private Failure entry(String reason, String cause) {
    return new Failure(reason, cause, clock.instant(), Thread.currentThread().getName());
  }

  /** Counts a failed attempt and logs it if a hold starts or the log interval passed. */
  private void counted(Failure entry) {
    counters
        .computeIfAbsent(
            entry.reason(),
            r ->
                Counter.builder(FAILURES)
                    .description("Failed delivery attempts that were not the record's fault")
                    .tag("reason", r)
                    .register(registry))
        .increment();
    logFailure(entry.reason(), entry.cause(), entry.last());
  }

  /** This consumer's thread applied a batch: it is no longer held. */
  void cleared() {
    if (byConsumer.remove(Thread.currentThread().getName()) != null) {
      logResumed();
    }
  }

  /** The current hold, or {@code null} when no consumer is held. */
  public @Nullable Hold current() {
    Instant now = clock.instant();
    byConsumer.values().removeIf(f -> f.last().plus(expiry).isBefore(now));
    byPartition.values().removeIf(f -> f.last().plus(expiry).isBefore(now));
    Failure latest = null;
    Set<String> consumers = new HashSet<>();
    List<Failure> failures = new ArrayList<>(byConsumer.values());
    failures.addAll(byPartition.values());
    for (Failure failure : failures) {
      consumers.add(failure.consumer());
      if (latest == null || failure.last().isAfter(latest.last())) {
        latest = failure;
      }
    }
    if (latest == null) {
      logResumed();
      return null;
    }
    Instant since = heldSince;
    return new Hold(
        latest.reason(), latest.cause(), since == null ? latest.last() : since, consumers.size());
  }

  private synchronized void logFailure(String reason, String cause, Instant now) {
    failuresSinceLog++;
    if (heldSince == null) {
      heldSince = now;
      lastLogged = now;
      failuresSinceLog = 0;
      log.warn(
          "Consumption held: {} ({}). The partitions are paused and retried until it passes;"
              + " nothing is dead-lettered for it",
          reason,
          cause);
    } else if (!now.isBefore(lastLogged.plus(LOG_INTERVAL))) {
      log.warn(
          "Consumption still held after {} s: {} ({}), {} failed attempts in the last {} s",
          Duration.between(heldSince, now).toSeconds(),
          reason,
          cause,
          failuresSinceLog,
          Duration.between(lastLogged, now).toSeconds());
      lastLogged = now;
      failuresSinceLog = 0;
    }
  }

  private synchronized void logResumed() {
    if (heldSince != null && byConsumer.isEmpty() && byPartition.isEmpty()) {
      log.info(
          "Consumption resumed after a hold of {} s",
          Duration.between(heldSince, clock.instant()).toSeconds());
      heldSince = null;
    }
  }

  /** Class and SQLSTATE of the root cause; never a message, which may quote a record's values. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    SQLException sql = FailureClassifier.cause(failure, SQLException.class);
    return sql == null || sql.getSQLState() == null
        ? root.getClass().getName()
        : root.getClass().getName() + ", SQLSTATE " + sql.getSQLState();
  }
}
