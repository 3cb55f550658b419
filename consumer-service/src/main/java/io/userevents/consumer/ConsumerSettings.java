package io.userevents.consumer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of consumer-service, bound from {@code userevents.consumer.*}.
 *
 * @param topic the topic the projection consumes
 * @param deadLetterTopic where records that cannot be applied go, same partition as the original
 * @param partitions partition count used when the service creates the two topics on start-up
 * @param concurrency listener threads (one consumer each); more than the partition count idles.
 *     Unset: what the projection's store suits, {@link
 *     io.userevents.consumer.projection.ProjectionStore#defaultConcurrency()} (3 on PostgreSQL, 1
 *     on H2)
 * @param groupProtocol the consumer rebalance protocol: {@code consumer} (KIP-848) or {@code
 *     classic}
 * @param retry back-off between deliveries of a failed record: limited for a record's own faults,
 *     unlimited for systemic failures
 * @param ordering how event time guards against events that come back late
 * @param processedEvents how long processed event ids are kept for deduplication
 * @param startup when the service first reports ready
 */
@Validated
@ConfigurationProperties("userevents.consumer")
public record ConsumerSettings(
    @DefaultValue("user-events") @NotBlank String topic,
    @DefaultValue("user-events-dlt") @NotBlank String deadLetterTopic,
    @DefaultValue("3") @Min(1) int partitions,
    @Nullable @Min(1) @Max(64) Integer concurrency,
    @DefaultValue("consumer") @NotNull GroupProtocol groupProtocol,
    @DefaultValue @Valid @NotNull Retry retry,
    @DefaultValue @Valid @NotNull Ordering ordering,
    @DefaultValue @Valid @NotNull ProcessedEvents processedEvents,
    @DefaultValue @Valid @NotNull Startup startup) {

  /**
   * Exponential back-off of retries; the container is paused meanwhile, the consumer keeps polling.
   *
   * @param initialInterval wait before the second attempt
   * @param multiplier growth of the wait per attempt
   * @param maxInterval longest wait between two attempts; also how late a held consumer notices
   *     that a systemic failure has passed
   * @param maxAttempts deliveries in all, the first included, before a record whose own content
   *     fails is dead-lettered; never applies to a systemic failure, which is retried without limit
   */
  public record Retry(
      @DefaultValue("1s") @NotNull Duration initialInterval,
      @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
      @DefaultValue("10s") @NotNull Duration maxInterval,
      @DefaultValue("3") @Min(1) int maxAttempts) {}

  /**
   * Log order decides; event time only catches late arrivals (see docs/guarantees.md).
   *
   * @param lateArrivalTolerance a live event older than the user's state by more than this is not
   *     applied (a replayed dead letter older than the state never is); must exceed {@code
   *     max-future-skew} plus the clock difference between producer instances
   * @param maxFutureSkew an event stamped further than this in the future is dead-lettered as
   *     {@code INVALID_EVENT}
   */
  public record Ordering(
      @DefaultValue("5m") @NotNull Duration lateArrivalTolerance,
      @DefaultValue("1m") @NotNull Duration maxFutureSkew) {}

  /**
   * Pruning of {@code processed_events}, the deduplication log.
   *
   * @param retention how long an event id is remembered; an event delivered again after that is
   *     applied again (by the ordering rules, as a late arrival). The default covers the topic's
   *     retention in admin-tools/topics.yaml (7 days, deleted in daily segments) plus a day
   * @param pruneInterval pause between two pruning runs
   * @param pruneBatchSize most ids deleted per statement (each its own short transaction)
   */
  public record ProcessedEvents(
      @DefaultValue("9d") @NotNull Duration retention,
      @DefaultValue("1m") @NotNull Duration pruneInterval,
      @DefaultValue("1000") @Min(1) @Max(100_000) int pruneBatchSize) {}

  /**
   * Readiness at start-up.
   *
   * @param groupSettleTimeout readiness waits until the consumer group has settled (the broker
   *     reports it stable, every member holding its target assignment, this instance's consumers
   *     among them), so that a write taken right after ready is not held by a partition moving
   *     between consumers; after this long it reports ready anyway, with a warning. {@code 0} turns
   *     the wait off
   */
  public record Startup(@DefaultValue("30s") @NotNull Duration groupSettleTimeout) {}

  /** Kafka's {@code group.protocol}. */
  public enum GroupProtocol {
    /** The original protocol: client-side assignment, stop-the-world rebalances. */
    CLASSIC,
    /** KIP-848: broker-side incremental assignment; needs Kafka 4.0+ brokers. */
    CONSUMER;

    /** The value of Kafka's {@code group.protocol} property. */
    public String kafkaName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
