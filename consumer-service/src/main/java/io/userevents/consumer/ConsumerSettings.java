package io.userevents.consumer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of consumer-service, bound from {@code userevents.consumer.*}.
 *
 * @param topic the topic the projection consumes
 * @param deadLetterTopic where records that cannot be applied go, same partition as the original
 * @param partitions partition count used when the service creates the two topics on start-up
 * @param concurrency listener threads (one consumer each); more than the partition count idles
 * @param groupProtocol the consumer rebalance protocol: {@code consumer} (KIP-848) or {@code
 *     classic}
 * @param retry back-off between deliveries of a failed record: limited for a record's own faults,
 *     unlimited for systemic failures
 */
@Validated
@ConfigurationProperties("userevents.consumer")
public record ConsumerSettings(
    @DefaultValue("user-events") @NotBlank String topic,
    @DefaultValue("user-events-dlt") @NotBlank String deadLetterTopic,
    @DefaultValue("3") @Min(1) int partitions,
    @DefaultValue("3") @Min(1) @Max(64) int concurrency,
    @DefaultValue("consumer") @NotNull GroupProtocol groupProtocol,
    @DefaultValue @Valid @NotNull Retry retry) {

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
