package io.userevents.model;

import static io.userevents.model.TestEvents.orderedMap;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.userevents.model.kafka.UserEventSerializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the bytes this library writes to the committed vectors {@code vectors/v2/user-*.json}: any
 * change to the wire format fails here until the vectors are updated on purpose.
 */
class WireFormatTests {

  private final UserEventCodec codec = UserEventCodec.create();

  static Stream<Arguments> fixedEvents() {
    return Stream.of(
        arguments("v2/user-created.json", TestEvents.created()),
        arguments("v2/user-updated.json", TestEvents.updated()),
        arguments("v2/user-deleted.json", TestEvents.deleted()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedEvents")
  void codecWritesExactlyTheGoldenBytes(String vector, UserEvent event) {
    byte[] golden = GoldenVectors.bytes(vector);

    byte[] written = codec.encode(event);

    assertThat(new String(written, UTF_8)).isEqualTo(new String(golden, UTF_8));
    assertThat(written).isEqualTo(golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedEvents")
  void kafkaSerializerWritesExactlyTheGoldenBytes(String vector, UserEvent event) {
    try (UserEventSerializer serializer = new UserEventSerializer()) {
      byte[] written = serializer.serialize("user-events", new RecordHeaders(), event);

      assertThat(written).isEqualTo(GoldenVectors.bytes(vector));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedEvents")
  void readingWhatWasWrittenGivesAnEqualEvent(String vector, UserEvent event) {
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }

  @Test
  void rewritesTheCoursePayloadAsVersion2ByAppendingTheNewFields() {
    String course = new String(GoldenVectors.bytes("v1/course-user-created.json"), UTF_8);

    String rewritten = codec.encodeToString(codec.decode(course));

    assertThat(rewritten)
        .isEqualTo(
            course.substring(0, course.length() - 1)
                + ",\"schemaVersion\":2,\"correlationId\":null}");
  }

  @Test
  void metadataNumbersOfAnyJavaTypeSurviveARoundTripEqual() {
    UserEvent event =
        TestEvents.created().withCorrelationId(null).withEventId("numbers").withTimestamp(1L);
    event =
        new UserEvent(
            event.eventId(),
            event.eventType(),
            event.userId(),
            event.username(),
            event.email(),
            event.timestamp(),
            orderedMap(
                "byte",
                (byte) 1,
                "short",
                (short) 2,
                "smallLong",
                3L,
                "largeLong",
                Long.MAX_VALUE,
                "smallBigInteger",
                BigInteger.TEN,
                "hugeBigInteger",
                BigInteger.TEN.pow(30),
                "float",
                0.1f,
                "bigDecimal",
                new BigDecimal("1.50"),
                "nested",
                List.of(1L, 2.5f)),
            event.schemaVersion(),
            event.correlationId());

    UserEvent read = codec.decode(codec.encode(event));

    assertThat(read).isEqualTo(event);
    assertThat(codec.encodeToString(event))
        .contains(
            "\"metadata\":{\"byte\":1,\"short\":2,\"smallLong\":3,\"largeLong\":9223372036854775807,"
                + "\"smallBigInteger\":10,\"hugeBigInteger\":1000000000000000000000000000000,"
                + "\"float\":0.1,\"bigDecimal\":1.5,\"nested\":[1,2.5]}");
  }
}
