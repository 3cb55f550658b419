package io.userevents.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.userevents.model.GoldenVectors;
import io.userevents.model.TestEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A record our serializer writes is a valid CloudEvent for the official SDK's Kafka binding. */
class CloudEventsInteropTests {

  @Test
  void officialCloudEventsDeserializerReadsOurRecord() {
    Headers headers = new RecordHeaders();
    byte[] value;
    try (UserEventSerializer serializer = new UserEventSerializer()) {
      serializer.configure(
          Map.of(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, "https://ingest.example.org/users"),
          false);
      value = serializer.serialize("user-events", headers, TestEvents.created());
    }

    CloudEvent event;
    try (CloudEventDeserializer cloudEvents = new CloudEventDeserializer()) {
      event = cloudEvents.deserialize("user-events", headers, value);
    }

    assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
    assertThat(event.getId()).isEqualTo("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14");
    assertThat(event.getSource()).isEqualTo(URI.create("https://ingest.example.org/users"));
    assertThat(event.getType()).isEqualTo("io.userevents.user.created");
    assertThat(event.getSubject()).isEqualTo("user-456");
    assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2022-02-17T18:44:16.789Z"));
    assertThat(event.getTime().toInstant().toEpochMilli()).isEqualTo(1645123456789L);
    assertThat(event.getDataSchema())
        .isEqualTo(URI.create("https://userevents.io/schemas/user-event/v2.json"));
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getExtensionNames()).isEmpty();
    assertThat(event.getData()).isNotNull();
    assertThat(event.getData().toBytes()).isEqualTo(GoldenVectors.bytes("v2/user-created.json"));
  }

  @Test
  void theCloudEventDataIsOurPayloadForEveryEventType() {
    try (UserEventSerializer serializer = new UserEventSerializer();
        CloudEventDeserializer cloudEvents = new CloudEventDeserializer()) {
      for (UserEvent original :
          new UserEvent[] {TestEvents.created(), TestEvents.updated(), TestEvents.deleted()}) {
        Headers headers = new RecordHeaders();
        byte[] value = serializer.serialize("user-events", headers, original);

        CloudEvent event = cloudEvents.deserialize("user-events", headers, value);

        assertThat(event.getType()).isEqualTo(CloudEventHeaders.typeOf(original.eventType()));
        assertThat(event.getSource()).isEqualTo(URI.create(CloudEventHeaders.DEFAULT_SOURCE));
        assertThat(event.getTime().toInstant()).isEqualTo(original.occurredAt());
        assertThat(UserEventCodec.create().decode(event.getData().toBytes())).isEqualTo(original);
      }
    }
  }
}
