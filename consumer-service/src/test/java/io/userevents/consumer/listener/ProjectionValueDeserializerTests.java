package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.consumer.support.TestEvents;
import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ProjectionValueDeserializerTests {

  private final ProjectionValueDeserializer deserializer = new ProjectionValueDeserializer();

  @Test
  void readsAnEventAndKeepsItsOriginalBytesInAnInternalHeader() {
    UserEvent event = TestEvents.created("u1", "alice");
    byte[] bytes = UserEventCodec.create().encode(event);
    RecordHeaders headers = new RecordHeaders();
    headers.add(ProjectionValueDeserializer.RAW_VALUE_HEADER, "forged".getBytes());

    UserEvent read = deserializer.deserialize("t", headers, bytes);

    assertThat(read).isEqualTo(event);
    assertThat(headers.headers(ProjectionValueDeserializer.RAW_VALUE_HEADER)).hasSize(1);
    assertThat(headers.lastHeader(ProjectionValueDeserializer.RAW_VALUE_HEADER).value())
        .isEqualTo(bytes);
  }

  @Test
  void refusesIdsWithUnpairedSurrogatesAsInvalidEvents() {
    String json =
        "{\"eventId\":\"e-\\ud800\",\"eventType\":\"USER_DELETED\",\"userId\":\"u1\","
            + "\"timestamp\":1700000000000}";

    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    "t", new RecordHeaders(), json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.INVALID_EVENT);
              assertThat(e.field()).isEqualTo("eventId");
            });
  }

  @Test
  void refusesEventsStampedFurtherInTheFutureThanTheConfiguredSkew() {
    deserializer.configure(
        Map.of(ProjectionValueDeserializer.MAX_FUTURE_SKEW_CONFIG, Duration.ofSeconds(30)), false);
    long inAMinute = System.currentTimeMillis() + 60_000;
    UserEvent early = TestEvents.created("u1", "alice").withTimestamp(inAMinute);
    byte[] bytes = UserEventCodec.create().encode(early);

    assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), bytes))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.INVALID_EVENT);
              assertThat(e.field()).isEqualTo("timestamp");
            });
  }
}
