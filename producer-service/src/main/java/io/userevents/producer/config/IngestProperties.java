package io.userevents.producer.config;

import io.userevents.model.EventMetadata;
import io.userevents.model.UserEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingest API, bound from {@code userevents.ingest.*} and validated at start-up.
 *
 * @param topic the topic events are published to
 * @param partitions partitions of the topic when it is created at start-up
 * @param replicationFactor replication factor of the topic when it is created at start-up
 * @param sendTimeout longest wait for the broker's acknowledgement before answering 503
 * @param cloudeventsSource the CloudEvents {@code ce_source} of records written by this service
 * @param idempotency the replay window of {@code Idempotency-Key}
 * @param limits bounds on what a client may send
 */
@Validated
@ConfigurationProperties("userevents.ingest")
public record IngestProperties(
    @DefaultValue("user-events") @NotBlank String topic,
    @DefaultValue("3") @Min(1) int partitions,
    @DefaultValue("1") @Min(1) @Max(Short.MAX_VALUE) int replicationFactor,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration sendTimeout,
    @DefaultValue("urn:io.userevents:producer-service") @NotBlank String cloudeventsSource,
    @DefaultValue @Valid Idempotency idempotency,
    @DefaultValue @Valid Limits limits) {

  /**
   * The window in which a repeated {@code Idempotency-Key} returns the original response.
   *
   * @param window how long a response is remembered
   * @param maxBytes most bytes the remembered responses (kept gzip-compressed) and keys take; the
   *     oldest are forgotten first
   */
  public record Idempotency(
      @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration window,
      @DefaultValue("16MB") @NotNull DataSize maxBytes) {}

  /**
   * Bounds on requests. Exceeding a size gives 413, breaking a field bound 400.
   *
   * @param maxBodySize largest body of a single-event request (and of one bulk item)
   * @param bulkMaxItems most events in one bulk request
   * @param bulkMaxBodySize largest body of a bulk request
   * @param maxMetadataEntries most top-level metadata entries (at most the model's 32)
   * @param maxMetadataSize most characters of metadata keys and scalar values in all (at most the
   *     model's 8192)
   * @param maxEmailLength longest email address (at most the model's 254)
   * @param maxIdLength longest user id, event id, correlation id and idempotency key (at most the
   *     model's 128)
   * @param maxHeaderSize largest total size of the request headers
   * @param bodyTimeout longest time a request body may take to arrive before a {@code 408}
   * @param maxBufferedBodySize most bytes of request bodies held at once across all requests in
   *     flight; above it a request gets {@code 503 server-busy} with {@code Retry-After}
   * @param maxFutureSkew how far in the future an event's timestamp may be (events-model's {@code
   *     EventTimeRules}; consumer-service dead-letters what is further ahead)
   */
  public record Limits(
      @DefaultValue("64KB") @NotNull DataSize maxBodySize,
      @DefaultValue("1000") @Min(1) int bulkMaxItems,
      @DefaultValue("4MB") @NotNull DataSize bulkMaxBodySize,
      @DefaultValue("32") @Min(0) @Max(EventMetadata.MAX_ENTRIES) int maxMetadataEntries,
      @DefaultValue("8192") @Min(0) @Max(EventMetadata.MAX_SIZE) int maxMetadataSize,
      @DefaultValue("254") @Min(6) @Max(UserEvent.MAX_EMAIL_LENGTH) int maxEmailLength,
      @DefaultValue("128") @Min(36) @Max(UserEvent.MAX_ID_LENGTH) int maxIdLength,
      @DefaultValue("16KB") @NotNull DataSize maxHeaderSize,
      @DefaultValue("20s") @NotNull @DurationMin(millis = 100) Duration bodyTimeout,
      @DefaultValue("32MB") @NotNull DataSize maxBufferedBodySize,
      @DefaultValue("1m") @NotNull Duration maxFutureSkew) {

    /** {@link #maxBodySize()} in bytes, capped to what an array can hold. */
    public int maxBodyBytes() {
      return (int) Math.min(Integer.MAX_VALUE - 8, maxBodySize.toBytes());
    }

    /** {@link #bulkMaxBodySize()} in bytes, capped to what an array can hold. */
    public int bulkMaxBodyBytes() {
      return (int) Math.min(Integer.MAX_VALUE - 8, bulkMaxBodySize.toBytes());
    }
  }
}
