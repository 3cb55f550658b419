package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userevents.model.kafka.UserEventSerializer;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compatibility both ways: a consumer written against version 1 reads what we write now, and the
 * current reader reads version 1.
 */
class CompatibilityTests {

  /** What a consumer from the course declared: the version 1 fields only. */
  record CourseUserEvent(
      String eventId,
      String eventType,
      String userId,
      @Nullable String username,
      @Nullable String email,
      long timestamp,
      @Nullable Map<String, Object> metadata) {}

  /** Plain Jackson 2, as such a consumer would configure it. */
  private final ObjectMapper courseMapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final UserEventCodec codec = UserEventCodec.create();

  @Test
  void version1ConsumerReadsTheVersion2CreatedVector() throws IOException {
    CourseUserEvent read =
        courseMapper.readValue(GoldenVectors.bytes("v2/user-created.json"), CourseUserEvent.class);

    assertThat(read)
        .isEqualTo(
            new CourseUserEvent(
                "3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14",
                "USER_CREATED",
                "user-456",
                "john_doe",
                "john@example.com",
                1645123456789L,
                Map.of("source", "web-ui", "version", "1.0")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "v2/user-created.json",
        "v2/user-updated.json",
        "v2/user-deleted.json",
        "v2/with-unknown-fields.json"
      })
  void version1ConsumerReadsEveryVersion2VectorWithTheSameValuesAsTheCurrentReader(String vector)
      throws IOException {
    byte[] payload = GoldenVectors.bytes(vector);

    CourseUserEvent old = courseMapper.readValue(payload, CourseUserEvent.class);

    assertThat(old).isEqualTo(asCourseEvent(codec.decode(payload)));
  }

  @Test
  void version1ConsumerReadsARecordValueOurSerializerWritesToday() throws IOException {
    UserEvent event = TestEvents.updated().withCorrelationId("req-42");
    byte[] value;
    try (UserEventSerializer serializer = new UserEventSerializer()) {
      value = serializer.serialize("user-events", new RecordHeaders(), event);
    }

    CourseUserEvent old = courseMapper.readValue(value, CourseUserEvent.class);

    assertThat(old).isEqualTo(asCourseEvent(event));
  }

  @Test
  void currentReaderUpcastsTheCoursePayloadToVersion2WithoutCorrelationId() {
    UserEvent event = codec.decode(GoldenVectors.bytes("v1/course-user-created.json"));

    assertThat(event.schemaVersion()).isEqualTo(UserEvent.CURRENT_SCHEMA_VERSION).isEqualTo(2);
    assertThat(event.correlationId()).isNull();
    assertThat(asCourseEvent(event))
        .isEqualTo(
            new CourseUserEvent(
                "user-evt-123",
                "USER_CREATED",
                "user-456",
                "john_doe",
                "john@example.com",
                1645123456789L,
                Map.of("source", "web-ui", "version", "1.0")));
  }

  @Test
  void aCoursePayloadRewrittenAsVersion2StillReadsTheSameForTheCourseConsumer() throws IOException {
    byte[] course = GoldenVectors.bytes("v1/course-user-created.json");

    byte[] rewritten = codec.encode(codec.decode(course));

    assertThat(courseMapper.readValue(rewritten, CourseUserEvent.class))
        .isEqualTo(courseMapper.readValue(course, CourseUserEvent.class));
  }

  private static CourseUserEvent asCourseEvent(UserEvent event) {
    return new CourseUserEvent(
        event.eventId(),
        event.eventType().name(),
        event.userId(),
        event.username(),
        event.email(),
        event.timestamp(),
        event.metadata());
  }
}
