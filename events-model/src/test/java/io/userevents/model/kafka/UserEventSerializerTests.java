package io.userevents.model.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.model.GoldenVectors;
import io.userevents.model.TestEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserEventSerializerTests {

  private final UserEventSerializer serializer = new UserEventSerializer();

  @AfterEach
  void close() {
    serializer.close();
  }

  @Test
  void writesExactlyTheCloudEventsBinaryModeHeaders() {
    Headers headers = new RecordHeaders();

    byte[] value = serializer.serialize("user-events", headers, TestEvents.created());

    assertThat(asStrings(headers))
        .containsExactly(
            "ce_id=3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14",
            "ce_source=urn:io.userevents:producer",
            "ce_specversion=1.0",
            "ce_type=io.userevents.user.created",
            "ce_time=2022-02-17T18:44:16.789Z",
            "ce_subject=user-456",
            "ce_dataschema=https://userevents.io/schemas/user-event/v2.json",
            "content-type=application/json");
    assertThat(value).isEqualTo(GoldenVectors.bytes("v2/user-created.json"));
  }

  @Test
  void typeAndTimeFollowTheEvent() {
    Headers updated = new RecordHeaders();
    Headers deleted = new RecordHeaders();

    serializer.serialize("user-events", updated, TestEvents.updated());
    serializer.serialize("user-events", deleted, TestEvents.deleted());

    assertThat(value(updated, "ce_type")).isEqualTo("io.userevents.user.updated");
    assertThat(value(updated, "ce_time")).isEqualTo("2022-02-17T18:53:19Z");
    assertThat(value(deleted, "ce_type")).isEqualTo("io.userevents.user.deleted");
    assertThat(value(deleted, "ce_time")).isEqualTo("2022-02-17T18:53:20Z");
    assertThat(value(deleted, "ce_subject")).isEqualTo("user-456");
  }

  @Test
  void replacesCloudEventsHeadersAlreadyPresentAndKeepsTheOthers() {
    Headers headers = new RecordHeaders();
    headers.add("ce_id", "stale-id".getBytes(UTF_8));
    headers.add("ce_type", "something.else".getBytes(UTF_8));
    headers.add("traceparent", "00-abc-def-01".getBytes(UTF_8));

    serializer.serialize("user-events", headers, TestEvents.created());

    assertThat(headers.headers("ce_id"))
        .singleElement()
        .extracting(h -> new String(h.value(), UTF_8))
        .isEqualTo("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14");
    assertThat(headers.headers("ce_type")).hasSize(1);
    assertThat(value(headers, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(headers.toArray()).hasSize(9);
  }

  @Test
  void writesTheConfiguredSource() {
    serializer.configure(
        Map.of(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, " https://ingest.example.org/users "),
        false);
    Headers headers = new RecordHeaders();

    serializer.serialize("user-events", headers, TestEvents.created());

    assertThat(value(headers, "ce_source")).isEqualTo("https://ingest.example.org/users");
  }

  @Test
  void keepsTheDefaultSourceWhenNoneOrABlankOneIsConfigured() {
    serializer.configure(Map.of(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, " "), false);
    Headers headers = new RecordHeaders();

    serializer.serialize("user-events", headers, TestEvents.created());

    assertThat(value(headers, "ce_source")).isEqualTo(CloudEventHeaders.DEFAULT_SOURCE);
  }

  @Test
  void refusesASourceThatIsNotAUriReference() {
    assertThatThrownBy(
            () ->
                serializer.configure(
                    Map.of(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG, "not a uri"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(UserEventSerializer.CLOUDEVENTS_SOURCE_CONFIG);
  }

  @Test
  void writesANullEventAsATombstoneWithoutHeaders() {
    Headers headers = new RecordHeaders();

    assertThat(serializer.serialize("user-events", headers, null)).isNull();
    assertThat(serializer.serialize("user-events", null)).isNull();
    assertThat(headers.toArray()).isEmpty();
  }

  @Test
  void withoutHeadersWritesTheSamePayload() {
    assertThat(serializer.serialize("user-events", TestEvents.updated()))
        .isEqualTo(UserEventCodec.create().encode(TestEvents.updated()));
  }

  @Test
  void writesTheCurrentSchemaVersionForAnEventBuiltWithVersion1() {
    UserEvent v1 =
        new UserEvent(
            "e-1",
            TestEvents.created().eventType(),
            "user-1",
            "john_doe",
            "john@example.com",
            1L,
            Map.of(),
            1,
            null);
    Headers headers = new RecordHeaders();

    byte[] value = serializer.serialize("user-events", headers, v1);

    assertThat(new String(value, UTF_8)).endsWith(",\"schemaVersion\":2,\"correlationId\":null}");
    assertThat(value(headers, "ce_dataschema")).isEqualTo(CloudEventHeaders.schemaUri(2));
  }

  static List<String> asStrings(Headers headers) {
    return Arrays.stream(headers.toArray())
        .map(h -> h.key() + "=" + new String(h.value(), UTF_8))
        .toList();
  }

  static String value(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    assertThat(header).as("header %s", key).isNotNull();
    return new String(header.value(), UTF_8);
  }
}
