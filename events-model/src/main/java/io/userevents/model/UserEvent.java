package io.userevents.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change to a user, as published on the {@code user-events} topic (key = {@link #userId()}).
 *
 * <p>Invariants, checked by the constructor, which throws {@link InvalidEventException} naming the
 * field:
 *
 * <ul>
 *   <li>{@code eventId} and {@code userId}: not blank ({@link String#isBlank()}), at most {@value
 *       #MAX_ID_LENGTH} Unicode code points, no ISO control characters, well-formed Unicode (no
 *       unpaired surrogates, which no database or wire encoding can store);
 *   <li>{@code eventType}: non-null;
 *   <li>{@code username}: for created/updated events required and matching {@value
 *       #USERNAME_REGEX}; for deleted events optional, but valid when present;
 *   <li>{@code email}: for created/updated events required, a plain address matching {@link
 *       #EMAIL_REGEX} of at most {@value #MAX_EMAIL_LENGTH} characters; for deleted events
 *       optional, but valid when present;
 *   <li>{@code timestamp}: epoch milliseconds from 1 to {@value #MAX_TIMESTAMP}
 *       (9999-12-31T23:59:59.999Z), so that it always has an RFC 3339 form;
 *   <li>{@code metadata}: string keys of at most {@value EventMetadata#MAX_KEY_LENGTH} characters,
 *       JSON values ({@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map} or
 *       {@code null}), at most {@value EventMetadata#MAX_ENTRIES} entries and {@value
 *       EventMetadata#MAX_SIZE} characters in all; held as a deep immutable copy;
 *   <li>{@code schemaVersion}: between 1 and {@value #CURRENT_SCHEMA_VERSION}; events read from an
 *       older version are upcast, so records in memory always carry the current version;
 *   <li>{@code correlationId}: optional; when present, the same rules as {@code eventId}.
 * </ul>
 *
 * <p>One rule depends on the clock and is checked apart: {@link EventTimeRules} (not too far in the
 * future).
 *
 * <p>Instances are immutable and safe to share between threads. {@link #toString()} leaves out
 * username and email so that an event can be logged.
 *
 * @param eventId unique id of this event; the idempotency key of every consumer
 * @param eventType what happened
 * @param userId the user the event is about; also the Kafka record key
 * @param username the user's login name; null only for {@link EventType#USER_DELETED}
 * @param email the user's email address; null only for {@link EventType#USER_DELETED}
 * @param timestamp when the change happened, epoch milliseconds
 * @param metadata free-form context such as the source system; never null, possibly empty
 * @param schemaVersion the wire schema version of this record
 * @param correlationId the id of the request or workflow that caused the event, if known
 */
public record UserEvent(
    String eventId,
    EventType eventType,
    String userId,
    @Nullable String username,
    @Nullable String email,
    long timestamp,
    Map<String, @Nullable Object> metadata,
    int schemaVersion,
    @Nullable String correlationId) {

  /** The schema version this library writes. */
  public static final int CURRENT_SCHEMA_VERSION = 2;

  /** Longest accepted event, user or correlation id, in Unicode code points. */
  public static final int MAX_ID_LENGTH = 128;

  /** Accepted usernames: 3 to 50 letters, digits, dots, underscores or hyphens. */
  public static final String USERNAME_REGEX = "^[A-Za-z0-9._-]{3,50}$";

  /** Longest accepted email address (RFC 5321 path limit). */
  public static final int MAX_EMAIL_LENGTH = 254;

  /**
   * Accepted email addresses: an ASCII local part of 1 to 64 characters, {@code @}, and a domain of
   * at least two dot-separated labels. The JSON Schemas use the same expression.
   */
  public static final String EMAIL_REGEX =
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

  /** Latest accepted timestamp: 9999-12-31T23:59:59.999Z in epoch milliseconds. */
  public static final long MAX_TIMESTAMP = 253_402_300_799_999L;

  /** Checks the invariants listed on the type and takes an immutable copy of the metadata. */
  public UserEvent {
    UserEventFields.requireId("eventId", eventId);
    if (eventType == null) {
      throw new InvalidEventException("eventType", "is required");
    }
    UserEventFields.requireId("userId", userId);
    boolean profileRequired = eventType.requiresProfile();
    UserEventFields.checkUsername(username, profileRequired);
    UserEventFields.checkEmail(email, profileRequired);
    if (timestamp < 1 || timestamp > MAX_TIMESTAMP) {
      throw new InvalidEventException(
          "timestamp", "must be epoch milliseconds between 1 and " + MAX_TIMESTAMP);
    }
    metadata = EventMetadata.copyOf(metadata);
    if (schemaVersion < 1 || schemaVersion > CURRENT_SCHEMA_VERSION) {
      throw new InvalidEventException(
          "schemaVersion", "must be between 1 and " + CURRENT_SCHEMA_VERSION);
    }
    if (correlationId != null) {
      UserEventFields.requireId("correlationId", correlationId);
    }
  }

  /**
   * A new {@link EventType#USER_CREATED} event: a new time-ordered UUID as event id ({@link
   * TimeOrderedIds}), the current time, the current schema version and no correlation id.
   *
   * @throws InvalidEventException naming the field when an argument breaks an invariant
   */
  public static UserEvent created(
      String userId, String username, String email, Map<String, ?> metadata) {
    return of(EventType.USER_CREATED, userId, username, email, metadata);
  }

  /**
   * A new {@link EventType#USER_UPDATED} event carrying the new username and email: a new
   * time-ordered UUID as event id ({@link TimeOrderedIds}), the current time, the current schema
   * version and no correlation id.
   *
   * @throws InvalidEventException naming the field when an argument breaks an invariant
   */
  public static UserEvent updated(
      String userId, String username, String email, Map<String, ?> metadata) {
    return of(EventType.USER_UPDATED, userId, username, email, metadata);
  }

  /**
   * A new {@link EventType#USER_DELETED} event without username and email: a new time-ordered UUID
   * as event id ({@link TimeOrderedIds}), the current time, the current schema version and no
   * correlation id.
   *
   * @throws InvalidEventException naming the field when an argument breaks an invariant
   */
  public static UserEvent deleted(String userId, Map<String, ?> metadata) {
    return of(EventType.USER_DELETED, userId, null, null, metadata);
  }

  @SuppressWarnings("unchecked") // the constructor copies and checks every value
  private static UserEvent of(
      EventType type,
      String userId,
      @Nullable String username,
      @Nullable String email,
      Map<String, ?> metadata) {
    return new UserEvent(
        TimeOrderedIds.next(),
        type,
        userId,
        username,
        email,
        System.currentTimeMillis(),
        (Map<String, @Nullable Object>) metadata,
        CURRENT_SCHEMA_VERSION,
        null);
  }

  /**
   * This event with another event id (for example one derived from an idempotency key).
   *
   * @throws InvalidEventException naming {@code eventId} when the id breaks an invariant
   */
  public UserEvent withEventId(String newEventId) {
    return new UserEvent(
        newEventId,
        eventType,
        userId,
        username,
        email,
        timestamp,
        metadata,
        schemaVersion,
        correlationId);
  }

  /**
   * This event with another timestamp, in epoch milliseconds.
   *
   * @throws InvalidEventException naming {@code timestamp} when it is out of range
   */
  public UserEvent withTimestamp(long newTimestamp) {
    return new UserEvent(
        eventId,
        eventType,
        userId,
        username,
        email,
        newTimestamp,
        metadata,
        schemaVersion,
        correlationId);
  }

  /**
   * This event with another correlation id; null removes it.
   *
   * @throws InvalidEventException naming {@code correlationId} when the id breaks an invariant
   */
  public UserEvent withCorrelationId(@Nullable String newCorrelationId) {
    return new UserEvent(
        eventId,
        eventType,
        userId,
        username,
        email,
        timestamp,
        metadata,
        schemaVersion,
        newCorrelationId);
  }

  /** {@link #timestamp()} as an {@link Instant}. */
  public Instant occurredAt() {
    return Instant.ofEpochMilli(timestamp);
  }

  /** Leaves username and email out, so that an event can be logged without personal data. */
  @Override
  public String toString() {
    return "UserEvent[eventId=%s, eventType=%s, userId=%s, timestamp=%d, schemaVersion=%d, correlationId=%s]"
        .formatted(eventId, eventType, userId, timestamp, schemaVersion, correlationId);
  }
}
