package io.userevents.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.model.TestEvents;
import io.userevents.model.UserEvent;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class UserEventSerdeTests {

  @Test
  void roundTripsEveryEventTypeWithHeaders() {
    try (UserEventSerde serde = new UserEventSerde()) {
      for (UserEvent event :
          new UserEvent[] {TestEvents.created(), TestEvents.updated(), TestEvents.deleted()}) {
        Headers headers = new RecordHeaders();

        byte[] value = serde.serializer().serialize("user-events", headers, event);
        UserEvent read = serde.deserializer().deserialize("user-events", headers, value);

        assertThat(read).isEqualTo(event);
      }
    }
  }

  @Test
  void roundTripsATombstone() {
    try (UserEventSerde serde = new UserEventSerde()) {
      byte[] value = serde.serializer().serialize("user-events", new RecordHeaders(), null);

      assertThat(value).isNull();
      assertThat(serde.deserializer().deserialize("user-events", new RecordHeaders(), value))
          .isNull();
    }
  }

  @Test
  void passesItsConfigurationToTheSerializer() {
    try (UserEventSerde serde = new UserEventSerde()) {
      serde.configure(
          Map.of(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, "urn:test:serde"), false);
      Headers headers = new RecordHeaders();

      serde.serializer().serialize("user-events", headers, TestEvents.created());

      assertThat(UserEventSerializerTests.value(headers, CloudEventHeaders.SOURCE))
          .isEqualTo("urn:test:serde");
    }
  }
}
