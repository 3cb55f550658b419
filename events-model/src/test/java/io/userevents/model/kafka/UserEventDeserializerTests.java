package io.userevents.model.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.userevents.model.EventDecodingException;
import io.userevents.model.GoldenVectors;
import io.userevents.model.TestEvents;
import io.userevents.model.UnsupportedSchemaVersionException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserEventDeserializerTests {

  private final UserEventDeserializer deserializer = new UserEventDeserializer();

  @AfterEach
  void close() {
    deserializer.close();
  }

  @Test
  void ignoresHeadersEvenASpringTypeIdNamingAnotherClass() {
    Headers headers = new RecordHeaders();
    headers.add("__TypeId__", "java.util.HashMap".getBytes(UTF_8));
    headers.add("ce_type", "com.example.other".getBytes(UTF_8));
    headers.add("content-type", "text/plain".getBytes(UTF_8));

    Object value =
        deserializer.deserialize(
            "user-events", headers, GoldenVectors.bytes("v2/user-created.json"));

    assertThat(value).isExactlyInstanceOf(UserEvent.class).isEqualTo(TestEvents.created());
  }

  @Test
  void readsTheByteBufferVariantKafkaConsumersCall() {
    ByteBuffer buffer = ByteBuffer.wrap(GoldenVectors.bytes("v2/user-updated.json"));

    assertThat(deserializer.deserialize("user-events", new RecordHeaders(), buffer))
        .isEqualTo(TestEvents.updated());
  }

  @Test
  void readsVersion1Payloads() {
    UserEvent event =
        deserializer.deserialize("user-events", GoldenVectors.bytes("v1/course-user-created.json"));

    assertThat(event.eventId()).isEqualTo("user-evt-123");
    assertThat(event.schemaVersion()).isEqualTo(2);
  }

  @Test
  void readsATombstoneAsNull() {
    assertThat(deserializer.deserialize("user-events", new RecordHeaders(), (byte[]) null))
        .isNull();
    assertThat(deserializer.deserialize("user-events", new RecordHeaders(), (ByteBuffer) null))
        .isNull();
    assertThat(deserializer.deserialize("user-events", null)).isNull();
  }

  @Test
  void throwsTheCodecsExceptionForAPayloadThatIsNotAnEvent() {
    EventDecodingException error =
        catchThrowableOfType(
            EventDecodingException.class,
            () ->
                deserializer.deserialize(
                    "user-events",
                    new RecordHeaders(),
                    GoldenVectors.bytes("invalid/unsupported/schema-version-3.json")));

    assertThat(error).isExactlyInstanceOf(UnsupportedSchemaVersionException.class);
  }

  @Test
  void usesTheCodecItWasGiven() {
    try (UserEventDeserializer small =
        new UserEventDeserializer(UserEventCodec.withMaxPayloadBytes(16))) {
      EventDecodingException error =
          catchThrowableOfType(
              EventDecodingException.class,
              () -> small.deserialize("user-events", GoldenVectors.bytes("v2/user-created.json")));

      assertThat(error.reason()).isEqualTo(EventDecodingException.Reason.PAYLOAD_TOO_LARGE);
    }
  }
}
