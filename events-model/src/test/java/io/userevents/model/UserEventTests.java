package io.userevents.model;

import static io.userevents.model.TestEvents.orderedMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserEventTests {

  private static final Map<String, @Nullable Object> META = Map.of("source", "test");

  private static UserEvent event(
      @Nullable String eventId,
      @Nullable EventType type,
      @Nullable String userId,
      @Nullable String username,
      @Nullable String email,
      long timestamp,
      Map<String, @Nullable Object> metadata,
      int schemaVersion,
      @Nullable String correlationId) {
    return new UserEvent(
        eventId, type, userId, username, email, timestamp, metadata, schemaVersion, correlationId);
  }

  private static Arguments breaks(String description, Runnable construction, String field) {
    return arguments(Named.of(description, construction), field);
  }

  static Stream<Arguments> brokenInvariants() {
    EventType c = EventType.USER_CREATED;
    String ok = "john_doe";
    String mail = "john@example.com";
    long t = 1645123456789L;
    return Stream.of(
        breaks("null eventId", () -> event(null, c, "u", ok, mail, t, META, 2, null), "eventId"),
        breaks("blank eventId", () -> event(" \t", c, "u", ok, mail, t, META, 2, null), "eventId"),
        breaks(
            "eventId of 129 characters",
            () -> event("e".repeat(129), c, "u", ok, mail, t, META, 2, null),
            "eventId"),
        breaks(
            "eventId with a control character",
            () -> event("e\u0000", c, "u", ok, mail, t, META, 2, null),
            "eventId"),
        breaks(
            "null eventType", () -> event("e", null, "u", ok, mail, t, META, 2, null), "eventType"),
        breaks("null userId", () -> event("e", c, null, ok, mail, t, META, 2, null), "userId"),
        breaks("empty userId", () -> event("e", c, "", ok, mail, t, META, 2, null), "userId"),
        breaks(
            "created without username",
            () -> event("e", c, "u", null, mail, t, META, 2, null),
            "username"),
        breaks(
            "updated without username",
            () -> event("e", EventType.USER_UPDATED, "u", null, mail, t, META, 2, null),
            "username"),
        breaks(
            "username with a space",
            () -> event("e", c, "u", "john doe", mail, t, META, 2, null),
            "username"),
        breaks(
            "deleted with an invalid username",
            () -> event("e", EventType.USER_DELETED, "u", "x", null, t, META, 2, null),
            "username"),
        breaks(
            "created without email", () -> event("e", c, "u", ok, null, t, META, 2, null), "email"),
        breaks(
            "updated without email",
            () -> event("e", EventType.USER_UPDATED, "u", ok, null, t, META, 2, null),
            "email"),
        breaks(
            "email without domain",
            () -> event("e", c, "u", ok, "john@", t, META, 2, null),
            "email"),
        breaks(
            "deleted with an invalid email",
            () -> event("e", EventType.USER_DELETED, "u", null, "nope", t, META, 2, null),
            "email"),
        breaks("timestamp 0", () -> event("e", c, "u", ok, mail, 0, META, 2, null), "timestamp"),
        breaks(
            "negative timestamp",
            () -> event("e", c, "u", ok, mail, -5, META, 2, null),
            "timestamp"),
        breaks(
            "timestamp after year 9999",
            () -> event("e", c, "u", ok, mail, UserEvent.MAX_TIMESTAMP + 1, META, 2, null),
            "timestamp"),
        breaks(
            "metadata with 33 entries",
            () -> event("e", c, "u", ok, mail, t, entries(33), 2, null),
            "metadata"),
        breaks(
            "schemaVersion 0",
            () -> event("e", c, "u", ok, mail, t, META, 0, null),
            "schemaVersion"),
        breaks(
            "schemaVersion 3",
            () -> event("e", c, "u", ok, mail, t, META, 3, null),
            "schemaVersion"),
        breaks(
            "blank correlationId",
            () -> event("e", c, "u", ok, mail, t, META, 2, "  "),
            "correlationId"),
        breaks(
            "correlationId of 129 characters",
            () -> event("e", c, "u", ok, mail, t, META, 2, "c".repeat(129)),
            "correlationId"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("brokenInvariants")
  void constructorRejectsABrokenInvariantNamingTheField(Runnable construction, String field) {
    InvalidEventException error =
        catchThrowableOfType(InvalidEventException.class, construction::run);

    assertThat(error).isExactlyInstanceOf(InvalidEventException.class);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error).hasMessageStartingWith(field + ": ");
  }

  @Test
  void acceptsValuesAtTheBounds() {
    UserEvent event =
        event(
            "e".repeat(UserEvent.MAX_ID_LENGTH),
            EventType.USER_CREATED,
            "u",
            "x".repeat(50),
            "john@example.com",
            UserEvent.MAX_TIMESTAMP,
            entries(EventMetadata.MAX_ENTRIES),
            1,
            "c".repeat(UserEvent.MAX_ID_LENGTH));

    assertThat(event.eventId()).hasSize(128);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    assertThat(event.metadata()).hasSize(32);
  }

  @Test
  void idsMustBeWellFormedUnicode() {
    assertThat(
            event("e-\ud83d\ude00", EventType.USER_DELETED, "u", null, null, 1L, Map.of(), 2, null))
        .isNotNull();
    for (String broken : new String[] {"e-\ud800", "\ude00x", "x\ud83d"}) {
      assertThatThrownBy(
              () -> event(broken, EventType.USER_DELETED, "u", null, null, 1L, Map.of(), 2, null))
          .isInstanceOfSatisfying(
              InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("eventId"));
      assertThatThrownBy(
              () -> event("e", EventType.USER_DELETED, broken, null, null, 1L, Map.of(), 2, null))
          .isInstanceOfSatisfying(
              InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("userId"));
    }
  }

  @Test
  void deletedEventNeedsNoUsernameOrEmail() {
    UserEvent event = event("e", EventType.USER_DELETED, "u", null, null, 1L, Map.of(), 2, null);

    assertThat(event.username()).isNull();
    assertThat(event.email()).isNull();
  }

  @Test
  void createdFactoryFillsIdTimeAndVersion() {
    long before = System.currentTimeMillis();

    UserEvent event = UserEvent.created("user-1", "john_doe", "john@example.com", META);

    long after = System.currentTimeMillis();
    assertThat(UUID.fromString(event.eventId()).toString()).isEqualTo(event.eventId());
    assertThat(UUID.fromString(event.eventId()).version()).isEqualTo(7);
    assertThat(event.eventType()).isEqualTo(EventType.USER_CREATED);
    assertThat(event.userId()).isEqualTo("user-1");
    assertThat(event.username()).isEqualTo("john_doe");
    assertThat(event.email()).isEqualTo("john@example.com");
    assertThat(event.timestamp()).isBetween(before, after);
    assertThat(event.metadata()).isEqualTo(META);
    assertThat(event.schemaVersion()).isEqualTo(UserEvent.CURRENT_SCHEMA_VERSION);
    assertThat(event.correlationId()).isNull();
  }

  @Test
  void updatedFactoryCarriesTheNewProfile() {
    UserEvent event = UserEvent.updated("user-1", "john.doe", "john.doe@example.org", Map.of());

    assertThat(event.eventType()).isEqualTo(EventType.USER_UPDATED);
    assertThat(event.username()).isEqualTo("john.doe");
    assertThat(event.email()).isEqualTo("john.doe@example.org");
    assertThat(event.metadata()).isEmpty();
    assertThat(event.schemaVersion()).isEqualTo(2);
  }

  @Test
  void deletedFactoryCarriesNoProfile() {
    UserEvent event = UserEvent.deleted("user-1", META);

    assertThat(event.eventType()).isEqualTo(EventType.USER_DELETED);
    assertThat(event.userId()).isEqualTo("user-1");
    assertThat(event.username()).isNull();
    assertThat(event.email()).isNull();
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.correlationId()).isNull();
  }

  @Test
  void factoriesGiveEveryEventItsOwnId() {
    assertThat(IntStream.range(0, 100).mapToObj(i -> UserEvent.deleted("u", META).eventId()))
        .doesNotHaveDuplicates();
  }

  @Test
  void factoriesCheckTheInvariants() {
    assertThatThrownBy(() -> UserEvent.created("user-1", "john_doe", "not-an-email", META))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThatThrownBy(() -> UserEvent.updated(" ", "john_doe", "john@example.com", META))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("userId"));
  }

  @Test
  void withersChangeOneFieldAndLeaveTheOriginalAlone() {
    UserEvent original = TestEvents.created();

    UserEvent renamed = original.withEventId("evt-2");
    UserEvent moved = original.withTimestamp(1L);
    UserEvent correlated = original.withCorrelationId("req-2");
    UserEvent uncorrelated = original.withCorrelationId(null);

    assertThat(renamed).isEqualTo(copy(original, "evt-2", original.timestamp(), "req-7f3c2a"));
    assertThat(moved).isEqualTo(copy(original, original.eventId(), 1L, "req-7f3c2a"));
    assertThat(correlated)
        .isEqualTo(copy(original, original.eventId(), original.timestamp(), "req-2"));
    assertThat(uncorrelated.correlationId()).isNull();
    assertThat(original).isEqualTo(TestEvents.created());
    assertThat(moved.metadata()).isSameAs(original.metadata());
  }

  @Test
  void withersCheckTheInvariants() {
    UserEvent event = TestEvents.created();

    assertThatThrownBy(() -> event.withEventId(""))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("eventId"));
    assertThatThrownBy(() -> event.withTimestamp(0))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
    assertThatThrownBy(() -> event.withCorrelationId("\n"))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("correlationId"));
  }

  @Test
  void holdsAnImmutableCopyOfTheMetadataItWasGiven() {
    Map<String, @Nullable Object> source = orderedMap("source", "web-ui");
    UserEvent event = event("e", EventType.USER_DELETED, "u", null, null, 1L, source, 2, null);

    source.put("source", "changed");
    source.put("extra", 1);

    assertThat(event.metadata()).containsExactly(Map.entry("source", "web-ui"));
    assertThatThrownBy(() -> event.metadata().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringLeavesPersonalDataOut() {
    String text = TestEvents.created().toString();

    assertThat(text)
        .contains("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14", "USER_CREATED", "user-456")
        .doesNotContain("john@example.com")
        .doesNotContain("john_doe");
  }

  @Test
  void occurredAtIsTheTimestampAsAnInstant() {
    assertThat(TestEvents.created().occurredAt())
        .isEqualTo(Instant.parse("2022-02-17T18:44:16.789Z"));
  }

  private static Map<String, @Nullable Object> entries(int count) {
    Map<String, @Nullable Object> map = new HashMap<>();
    for (int i = 0; i < count; i++) {
      map.put("k" + i, i);
    }
    return map;
  }

  private static UserEvent copy(
      UserEvent e, String eventId, long timestamp, @Nullable String correlationId) {
    return new UserEvent(
        eventId,
        e.eventType(),
        e.userId(),
        e.username(),
        e.email(),
        timestamp,
        e.metadata(),
        e.schemaVersion(),
        correlationId);
  }
}
