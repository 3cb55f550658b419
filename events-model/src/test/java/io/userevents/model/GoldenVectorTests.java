package io.userevents.model;

import static io.userevents.model.EventDecodingException.Reason.INVALID_EVENT;
import static io.userevents.model.EventDecodingException.Reason.MALFORMED_JSON;
import static io.userevents.model.EventDecodingException.Reason.PAYLOAD_TOO_LARGE;
import static io.userevents.model.EventDecodingException.Reason.UNSUPPORTED_SCHEMA_VERSION;
import static io.userevents.model.TestEvents.orderedMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.userevents.model.EventDecodingException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden vector under {@code vectors/}: valid ones decode to exact field values and conform
 * to their schema; invalid ones fail with the exact exception type, reason and field.
 */
class GoldenVectorTests {

  private final UserEventCodec codec = UserEventCodec.create();

  // ---- valid vectors: exact field values ----

  @Test
  void readsTheCoursePayloadAndUpcastsItToTheCurrentVersion() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v1/course-user-created.json"));

    assertThat(event.eventId()).isEqualTo("user-evt-123");
    assertThat(event.eventType()).isEqualTo(EventType.USER_CREATED);
    assertThat(event.userId()).isEqualTo("user-456");
    assertThat(event.username()).isEqualTo("john_doe");
    assertThat(event.email()).isEqualTo("john@example.com");
    assertThat(event.timestamp()).isEqualTo(1645123456789L);
    assertThat(event.metadata())
        .containsExactly(entry("source", "web-ui"), entry("version", "1.0"));
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.correlationId()).isNull();
  }

  @Test
  void readsACourseDeletionWithNullProfileAndNullMetadata() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v1/course-user-deleted.json"));

    assertThat(event)
        .isEqualTo(
            new UserEvent(
                "user-evt-125",
                EventType.USER_DELETED,
                "user-456",
                null,
                null,
                1645123999999L,
                Map.of(),
                2,
                null));
  }

  @Test
  void ignoresTheCorrelationIdOfAPayloadThatDeclaresVersion1() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v1/explicit-version-1.json"));

    assertThat(event)
        .isEqualTo(
            new UserEvent(
                "user-evt-124",
                EventType.USER_UPDATED,
                "user-456",
                "john_doe2",
                "john2@example.com",
                1645123457000L,
                Map.of(),
                2,
                null));
  }

  @Test
  void readsTheVersion2CreatedVector() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v2/user-created.json"));

    assertThat(event.eventId()).isEqualTo("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14");
    assertThat(event.eventType()).isEqualTo(EventType.USER_CREATED);
    assertThat(event.userId()).isEqualTo("user-456");
    assertThat(event.username()).isEqualTo("john_doe");
    assertThat(event.email()).isEqualTo("john@example.com");
    assertThat(event.timestamp()).isEqualTo(1645123456789L);
    assertThat(event.metadata())
        .containsExactly(entry("source", "web-ui"), entry("version", "1.0"));
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.correlationId()).isEqualTo("req-7f3c2a");
  }

  @Test
  void readsTheVersion2UpdatedVectorWithMetadataOfEveryJsonType() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v2/user-updated.json"));

    assertThat(event.eventId()).isEqualTo("9b2d4e61-0a7f-4c3b-8e25-6d1f9a0c7b32");
    assertThat(event.eventType()).isEqualTo(EventType.USER_UPDATED);
    assertThat(event.userId()).isEqualTo("user-456");
    assertThat(event.username()).isEqualTo("john.doe");
    assertThat(event.email()).isEqualTo("john.doe@example.org");
    assertThat(event.timestamp()).isEqualTo(1645123999000L);
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.correlationId()).isNull();
    Map<String, @Nullable Object> metadata = event.metadata();
    assertThat(metadata)
        .containsOnlyKeys(
            "source",
            "changedFields",
            "attempt",
            "sequence",
            "sampleRatio",
            "reviewed",
            "ticket",
            "audit");
    assertThat(metadata.get("source")).isEqualTo("admin-console");
    assertThat(metadata.get("changedFields")).isEqualTo(List.of("username", "email"));
    assertThat(metadata.get("attempt")).isEqualTo(2);
    assertThat(metadata.get("sequence")).isEqualTo(9007199254740993L);
    assertThat(metadata.get("sampleRatio")).isEqualTo(0.25);
    assertThat(metadata.get("reviewed")).isEqualTo(true);
    assertThat(metadata.get("ticket")).isNull();
    assertThat(metadata.get("audit"))
        .isEqualTo(orderedMap("by", "ops-7", "note", "Zoë said \"ok\"\n"));
  }

  @Test
  void readsTheVersion2DeletedVector() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v2/user-deleted.json"));

    assertThat(event.eventId()).isEqualTo("c47a0e1b-5f3d-4d2a-b8e9-1a6c3f5d7e90");
    assertThat(event.eventType()).isEqualTo(EventType.USER_DELETED);
    assertThat(event.userId()).isEqualTo("user-456");
    assertThat(event.username()).isNull();
    assertThat(event.email()).isNull();
    assertThat(event.timestamp()).isEqualTo(1645124000000L);
    assertThat(event.metadata()).containsExactly(entry("source", "gdpr-erasure"));
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.correlationId()).isEqualTo("erasure-2022-0042");
  }

  @Test
  void ignoresFieldsAddedByANewerProducer() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v2/with-unknown-fields.json"));

    assertThat(event).isEqualTo(TestEvents.created());
  }

  // ---- valid vectors: schemas ----

  static Stream<Arguments> validVectors() {
    return Stream.of(
        arguments("v1/course-user-created.json", 1),
        arguments("v1/course-user-deleted.json", 1),
        arguments("v1/explicit-version-1.json", 1),
        arguments("v2/user-created.json", 2),
        arguments("v2/user-updated.json", 2),
        arguments("v2/user-deleted.json", 2),
        arguments("v2/with-unknown-fields.json", 2));
  }

  @ParameterizedTest(name = "{0} conforms to schema v{1}")
  @MethodSource("validVectors")
  void validVectorConformsToTheSchemaOfItsVersion(String vector, int version) {
    assertThat(GoldenVectors.violations(version, GoldenVectors.bytes(vector))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void everyValidVectorIsAlsoAValidVersion1PayloadSoOldReadersCanReadIt(
      String vector, int version) {
    assertThat(GoldenVectors.violations(1, GoldenVectors.bytes(vector))).isEmpty();
  }

  @Test
  void aVersion1PayloadDoesNotConformToTheVersion2Schema() {
    assertThat(GoldenVectors.violations(2, GoldenVectors.bytes("v1/course-user-created.json")))
        .isNotEmpty();
  }

  // ---- invalid vectors ----

  static Stream<Arguments> invalidVectors() {
    return Stream.of(
        malformed("invalid/malformed/not-json.txt"),
        malformed("invalid/malformed/empty.json"),
        malformed("invalid/malformed/truncated.json"),
        malformed("invalid/malformed/array.json"),
        malformed("invalid/malformed/duplicate-key.json"),
        malformed("invalid/malformed/duplicate-key-in-metadata.json"),
        malformed("invalid/malformed/trailing-object.json"),
        malformed("invalid/malformed/trailing-garbage.json"),
        malformed("invalid/malformed/invalid-utf8.bin"),
        invalid("invalid/event/missing-event-id.json", "eventId"),
        invalid("invalid/event/missing-event-type.json", "eventType"),
        invalid("invalid/event/missing-user-id.json", "userId"),
        invalid("invalid/event/missing-timestamp.json", "timestamp"),
        invalid("invalid/event/missing-username-on-created.json", "username"),
        invalid("invalid/event/missing-email-on-updated.json", "email"),
        invalid("invalid/event/null-email-on-created.json", "email"),
        invalid("invalid/event/unknown-event-type.json", "eventType"),
        invalid("invalid/event/event-id-as-number.json", "eventId"),
        invalid("invalid/event/timestamp-as-string.json", "timestamp"),
        invalid("invalid/event/timestamp-with-fraction.json", "timestamp"),
        invalid("invalid/event/timestamp-negative.json", "timestamp"),
        invalid("invalid/event/timestamp-after-year-9999.json", "timestamp"),
        invalid("invalid/event/metadata-as-array.json", "metadata"),
        invalid("invalid/event/metadata-too-many-entries.json", "metadata"),
        invalid("invalid/event/metadata-too-large.json", "metadata"),
        invalid("invalid/event/blank-user-id.json", "userId"),
        invalid("invalid/event/invalid-email.json", "email"),
        invalid("invalid/event/invalid-username.json", "username"),
        invalid("invalid/event/schema-version-as-string.json", "schemaVersion"),
        invalid("invalid/event/schema-version-null.json", "schemaVersion"),
        invalid("invalid/event/schema-version-zero.json", "schemaVersion"),
        invalid("invalid/event/correlation-id-as-number.json", "correlationId"),
        arguments(
            "invalid/unsupported/schema-version-3.json",
            UnsupportedSchemaVersionException.class,
            UNSUPPORTED_SCHEMA_VERSION,
            "schemaVersion"),
        arguments(
            "invalid/unsupported/schema-version-3-new-shape.json",
            UnsupportedSchemaVersionException.class,
            UNSUPPORTED_SCHEMA_VERSION,
            "schemaVersion"),
        arguments(
            "invalid/oversized/oversized.json",
            EventDecodingException.class,
            PAYLOAD_TOO_LARGE,
            null));
  }

  private static Arguments malformed(String vector) {
    return arguments(vector, EventDecodingException.class, MALFORMED_JSON, null);
  }

  private static Arguments invalid(String vector, String field) {
    return arguments(vector, EventDecodingException.class, INVALID_EVENT, field);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("invalidVectors")
  void invalidVectorFailsWithTheExactExceptionReasonAndField(
      String vector,
      Class<? extends EventDecodingException> type,
      Reason reason,
      @Nullable String field) {
    byte[] payload = GoldenVectors.bytes(vector);

    EventDecodingException error =
        catchThrowableOfType(EventDecodingException.class, () -> codec.decode(payload));

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error).hasMessageNotContaining("john@example.com");
  }

  @Test
  void aPayloadFromANewerVersionNamesTheVersionItDeclares() {
    UnsupportedSchemaVersionException error =
        catchThrowableOfType(
            UnsupportedSchemaVersionException.class,
            () -> codec.decode(GoldenVectors.bytes("invalid/unsupported/schema-version-3.json")));

    assertThat(error.version()).isEqualTo(3);
    assertThat(error).hasMessageContaining("schemaVersion 3");
  }

  static Stream<Arguments> invalidEventVectorsTheSchemaCanExpress() {
    return invalidVectors()
        .filter(
            arguments -> {
              Reason reason = (Reason) arguments.get()[2];
              return reason == INVALID_EVENT || reason == UNSUPPORTED_SCHEMA_VERSION;
            })
        // the total metadata size is a reader's bound that JSON Schema cannot express
        .filter(arguments -> !arguments.get()[0].equals("invalid/event/metadata-too-large.json"))
        .map(arguments -> arguments(arguments.get()[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEventVectorsTheSchemaCanExpress")
  void theSchemaRejectsWhatTheCodecRejects(String vector) {
    byte[] payload = GoldenVectors.bytes(vector);
    int version = GoldenVectors.tree(payload).has("schemaVersion") ? 2 : 1;

    assertThat(GoldenVectors.violations(version, payload)).isNotEmpty();
  }

  @Test
  void everyVectorFileHasAnExpectation() {
    List<String> covered = new ArrayList<>();
    validVectors().forEach(arguments -> covered.add((String) arguments.get()[0]));
    invalidVectors().forEach(arguments -> covered.add((String) arguments.get()[0]));

    assertThat(GoldenVectors.all()).containsExactlyInAnyOrderElementsOf(covered);
  }

  private static Map.Entry<String, Object> entry(String key, Object value) {
    return Map.entry(key, value);
  }
}
