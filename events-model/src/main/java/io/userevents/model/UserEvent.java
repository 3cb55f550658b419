package io.userevents.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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
    requireId("eventId", eventId);
    if (eventType == null) {
      throw new InvalidEventException("eventType", "is required");
    }
    requireId("userId", userId);
    boolean profileRequired = eventType.requiresProfile();
    checkUsername(username, profileRequired);
    checkEmail(email, profileRequired);
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
      requireId("correlationId", correlationId);
    }
  }

  /**
   * A new {@link EventType#USER_CREATED} event: a random UUID as event id, the current time, the
   * current schema version and no correlation id.
   *
   * @throws InvalidEventException naming the field when an argument breaks an invariant
   */
  public static UserEvent created(
      String userId, String username, String email, Map<String, ?> metadata) {
    return of(EventType.USER_CREATED, userId, username, email, metadata);
  }

  /**
   * A new {@link EventType#USER_UPDATED} event carrying the new username and email: a random UUID
   * as event id, the current time, the current schema version and no correlation id.
   *
   * @throws InvalidEventException naming the field when an argument breaks an invariant
   */
  public static UserEvent updated(
      String userId, String username, String email, Map<String, ?> metadata) {
    return of(EventType.USER_UPDATED, userId, username, email, metadata);
  }

  /**
   * A new {@link EventType#USER_DELETED} event without username and email: a random UUID as event
   * id, the current time, the current schema version and no correlation id.
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
        UUID.randomUUID().toString(),
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

  private static void requireId(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidEventException(field, "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
      throw new InvalidEventException(field, "must be at most " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidEventException(field, "must not contain control characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidEventException(
            field, "must be well-formed Unicode (no unpaired surrogates)");
      }
    }
  }

  private static void checkUsername(@Nullable String username, boolean required) {
    if (username == null) {
      if (required) {
        throw new InvalidEventException("username", "is required");
      }
      return;
    }
    if (!isValidUsername(username)) {
      throw new InvalidEventException(
          "username", "must be 3 to 50 letters, digits, dots, underscores or hyphens");
    }
  }

  private static void checkEmail(@Nullable String email, boolean required) {
    if (email == null) {
      if (required) {
        throw new InvalidEventException("email", "is required");
      }
      return;
    }
    if (email.length() > MAX_EMAIL_LENGTH || !isValidEmail(email)) {
      throw new InvalidEventException("email", "must be a valid email address");
    }
  }

  /** Characters of {@link #USERNAME_REGEX}'s class, indexed by ASCII code. */
  private static final boolean[] USERNAME_CHARS = asciiSet("._-");

  /** Characters of the local part of {@link #EMAIL_REGEX}, indexed by ASCII code. */
  private static final boolean[] EMAIL_LOCAL_CHARS = asciiSet(".!#$%&'*+/=?^_`{|}~-");

  private static boolean[] asciiSet(String extra) {
    boolean[] set = new boolean[128];
    for (char c = 'A'; c <= 'Z'; c++) {
      set[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      set[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      set[c] = true;
    }
    for (int i = 0; i < extra.length(); i++) {
      set[extra.charAt(i)] = true;
    }
    return set;
  }

  private static boolean in(boolean[] set, char c) {
    return c < 128 && set[c];
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Exactly the strings {@link #USERNAME_REGEX} matches as a whole, without a regex engine. */
  static boolean isValidUsername(String username) {
    int length = username.length();
    if (length < 3 || length > 50) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!in(USERNAME_CHARS, username.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Exactly the strings {@link #EMAIL_REGEX} matches as a whole, without a regex engine: 1 to 64
   * local-part characters, {@code @}, then at least two dot-separated labels of 1 to 63 ASCII
   * letters, digits or hyphens that neither start nor end with a hyphen. Neither part may hold an
   * {@code @}, so the first one splits them.
   */
  static boolean isValidEmail(String email) {
    int length = email.length();
    int at = 0;
    while (at < length && in(EMAIL_LOCAL_CHARS, email.charAt(at))) {
      at++;
    }
    if (at < 1 || at > 64 || at >= length || email.charAt(at) != '@') {
      return false;
    }
    int labels = 0;
    int labelStart = at + 1;
    for (int i = labelStart; ; i++) {
      if (i == length || email.charAt(i) == '.') {
        int labelLength = i - labelStart;
        if (labelLength < 1
            || labelLength > 63
            || !isAsciiAlphanumeric(email.charAt(labelStart))
            || !isAsciiAlphanumeric(email.charAt(i - 1))) {
          return false;
        }
        labels++;
        if (i == length) {
          return labels >= 2;
        }
        labelStart = i + 1;
      } else {
        char c = email.charAt(i);
        if (c != '-' && !isAsciiAlphanumeric(c)) {
          return false;
        }
      }
    }
  }
}
