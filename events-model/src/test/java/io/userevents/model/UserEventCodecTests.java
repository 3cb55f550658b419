package io.userevents.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.userevents.model.EventDecodingException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding rules the golden vectors do not show on their own. */
class UserEventCodecTests {

  private static final String COURSE =
      new String(GoldenVectors.bytes("v1/course-user-created.json"), UTF_8);

  private final UserEventCodec codec = UserEventCodec.create();

  @Test
  void createReturnsOneSharedCodecWithTheDefaultLimit() {
    assertThat(UserEventCodec.create()).isSameAs(codec);
    assertThat(codec.maxPayloadBytes()).isEqualTo(UserEventCodec.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  @Test
  void decodingAStringEqualsDecodingItsUtf8Bytes() {
    assertThat(codec.decode(COURSE)).isEqualTo(codec.decode(COURSE.getBytes(UTF_8)));
  }

  @Test
  void readsIntegersWrittenWithAZeroFractionAsJsonSchemaDoes() {
    String payload =
        COURSE
            .replace("1645123456789", "1645123456789.0")
            .replace("\"metadata\"", "\"schemaVersion\":2.0,\"metadata\"");

    UserEvent event = codec.decode(payload);

    assertThat(event.timestamp()).isEqualTo(1645123456789L);
    assertThat(event.schemaVersion()).isEqualTo(2);
  }

  @Test
  void aTimestampWithAHugeExponentIsARangeError() {
    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class,
            () -> codec.decode(COURSE.replace("1645123456789", "1e999999999")));

    assertThat(error.reason()).isEqualTo(Reason.INVALID_EVENT);
    assertThat(error.field()).isEqualTo("timestamp");
  }

  @Test
  void aSchemaVersionBeyondIntegerRangeIsUnsupported() {
    UnsupportedSchemaVersionException error =
        catchThrowableOfType(
            UnsupportedSchemaVersionException.class,
            () -> codec.decode(withLeadingFields("\"schemaVersion\":99999999999,")));

    assertThat(error.version()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aNewerVersionIsReportedBeforeAnyOtherProblem() {
    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class,
            () -> codec.decode("{\"timestamp\":\"later\",\"schemaVersion\":7}"));

    assertThat(error).isExactlyInstanceOf(UnsupportedSchemaVersionException.class);
  }

  @Test
  void skipsUnknownFieldsOfAnyShape() {
    String payload =
        withLeadingFields(
            "\"extra\":{\"deep\":[1,{\"x\":[null,true]}],\"n\":1.5e300},\"more\":[[]],");

    assertThat(codec.decode(payload)).isEqualTo(codec.decode(COURSE));
  }

  @Test
  void metadataNestedDeeperThanAllowedButWithinTheParserLimitIsAnInvalidEvent() {
    String nine = "[".repeat(9) + "1" + "]".repeat(9);

    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class, () -> codec.decode(COURSE.replace("\"web-ui\"", nine)));

    assertThat(error.reason()).isEqualTo(Reason.INVALID_EVENT);
    assertThat(error.field()).isEqualTo("metadata");
  }

  @Test
  void nestingBeyondTheParserLimitIsMalformed() {
    String deep = "[".repeat(1000) + "]".repeat(1000);

    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class, () -> codec.decode(COURSE.replace("\"web-ui\"", deep)));

    assertThat(error.reason()).isEqualTo(Reason.MALFORMED_JSON);
  }

  @Test
  void aCodecWithASmallerLimitRefusesLargerPayloadsAndAcceptsOneAtTheLimit() {
    byte[] payload = COURSE.getBytes(UTF_8);

    UserEventCodec exact = UserEventCodec.withMaxPayloadBytes(payload.length);
    UserEventCodec smaller = UserEventCodec.withMaxPayloadBytes(payload.length - 1);

    assertThat(exact.decode(payload).eventId()).isEqualTo("user-evt-123");
    assertThat(catchThrowableOfType(EventDecodingException.class, () -> smaller.decode(payload)))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE))
        .hasMessageContaining(payload.length + " bytes");
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> UserEventCodec.withMaxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidEventErrorsKeepTheRecordsExceptionAsCause() {
    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class,
            () -> codec.decode(COURSE.replace("john@example.com", "john@")));

    assertThat(error.getCause()).isInstanceOf(InvalidEventException.class);
    assertThat(error).hasMessage("email: must be a valid email address");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"username\": john_doe}",
        "john_doe",
        "{\"eventId\":\"e\",\"email\":\"john_doe@example.com\" \"x\":1}",
        "{\"email\":\"john_doe@example.com"
      })
  void malformedJsonErrorsDoNotEchoThePayload(String payload) {
    EventDecodingException error =
        catchThrowableOfType(EventDecodingException.class, () -> codec.decode(payload));

    assertThat(error.reason()).isEqualTo(Reason.MALFORMED_JSON);
    assertThat(error).hasMessageStartingWith("not valid JSON: ").hasMessageContaining("column");
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertThat(t.getMessage()).doesNotContain("john_doe");
    }
  }

  @Test
  void aDuplicateKeyIsNamedInTheMessage() {
    assertThatThrownBy(
            () -> codec.decode(GoldenVectors.bytes("invalid/malformed/duplicate-key.json")))
        .hasMessageStartingWith("not valid JSON: Duplicate field 'userId'");
  }

  /** The course payload with {@code fields} inserted before its first field. */
  private static String withLeadingFields(String fields) {
    return "{" + fields + COURSE.substring(1);
  }

  @Test
  void decodingARangeEqualsDecodingACopyOfIt() {
    byte[] event = COURSE.getBytes(UTF_8);
    byte[] framed = new byte[event.length + 7];
    System.arraycopy(event, 0, framed, 3, event.length);

    assertThat(codec.decode(framed, 3, event.length)).isEqualTo(codec.decode(event));
    assertThatThrownBy(() -> codec.decode(framed, 8, event.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"eventId\":\"a\",\"eventId\":\"b\"}",
        "{\"eventId\":\n tru}",
        "{\"eventType\":\"NOPE\",\"eventId\":\"e\",\"userId\":\"u\",\"timestamp\":1}",
        "[1]",
        "{} {}",
      })
  void aRangeFailsAsACopyOfItFails(String payload) {
    byte[] bytes = payload.getBytes(UTF_8);
    byte[] framed = new byte[bytes.length + 20];
    java.util.Arrays.fill(framed, (byte) '{');
    System.arraycopy(bytes, 0, framed, 10, bytes.length);

    EventDecodingException fromCopy =
        catchThrowableOfType(EventDecodingException.class, () -> codec.decode(bytes));
    EventDecodingException fromRange =
        catchThrowableOfType(
            EventDecodingException.class, () -> codec.decode(framed, 10, bytes.length));

    assertThat(fromRange.reason()).isEqualTo(fromCopy.reason());
    assertThat(fromRange.field()).isEqualTo(fromCopy.field());
    assertThat(fromRange.getMessage()).isEqualTo(fromCopy.getMessage());
  }

  @Test
  void aRangeOverTheLimitIsTooLargeByItsOwnLength() {
    UserEventCodec small = UserEventCodec.withMaxPayloadBytes(10);
    byte[] big = new byte[100];

    EventDecodingException error =
        catchThrowableOfType(EventDecodingException.class, () -> small.decode(big, 5, 11));

    assertThat(error.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
    assertThat(error.getMessage()).contains("payload of 11 bytes");
  }
}
