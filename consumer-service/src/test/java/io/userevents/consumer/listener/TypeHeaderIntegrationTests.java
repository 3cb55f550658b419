package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.support.InstantiationCanary;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Records that try to make the consumer instantiate another class: Spring's JSON type headers
 * naming a gadget, a forged deserialization-exception header holding a Java-serialized object, and
 * polymorphic type hints in the JSON. Values are still read as UserEvent (or dead-lettered), and
 * the gadget class is never constructed or deserialized.
 */
class TypeHeaderIntegrationTests extends ConsumerIntegrationTest {

  private static final String GADGET = InstantiationCanary.class.getName();

  @Test
  void readsValuesAsUserEventOrDeadLettersThemWhateverTheHeadersSay() throws IOException {
    byte[] serializedGadget = javaSerialized(new InstantiationCanary());
    int constructedBefore = InstantiationCanary.CONSTRUCTED.get();
    int deserializedBefore = InstantiationCanary.DESERIALIZED.get();
    String userId = TestEvents.uniqueUserId("typeid");
    Header[] typeHeaders = {
      header("__TypeId__", GADGET),
      header("__KeyTypeId__", GADGET),
      header("__ContentTypeId__", GADGET),
      header("spring_json_header_types", "{\"__TypeId__\":\"" + GADGET + "\"}")
    };
    UserEvent created = TestEvents.created(userId, "typed_user");
    UserEvent withForgedException = TestEvents.updated(userId, "typed_user_2");
    UserEvent withClassHint = TestEvents.updated(userId, "typed_user_3");
    byte[] hinted =
        UserEventCodec.create()
            .encodeToString(withClassHint)
            .replace("\"metadata\":{", "\"metadata\":{\"@class\":\"" + GADGET + "\",")
            .getBytes(StandardCharsets.UTF_8);

    kafka.send(TOPIC, userId, UserEventCodec.create().encode(created), typeHeaders);
    kafka.send(TOPIC, userId, "{\"name\":\"gadget\"}", typeHeaders);
    kafka.send(
        TOPIC,
        userId,
        (byte[]) null,
        new RecordHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, serializedGadget));
    kafka.send(
        TOPIC,
        userId,
        UserEventCodec.create().encode(withForgedException),
        new RecordHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, serializedGadget));
    kafka.send(TOPIC, userId, hinted, typeHeaders);

    UserRow row = awaitUser(userId, withClassHint.eventId());
    assertThat(row.username()).isEqualTo("typed_user_3");
    assertThat(processedCount(created.eventId())).isEqualTo(1);
    assertThat(processedCount(withForgedException.eventId())).isEqualTo(1);
    List<ConsumerRecord<String, byte[]>> dead =
        await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> list.size() == 2);
    assertThat(dead)
        .extracting(r -> header(r, DeadLetterRecoverer.REASON_HEADER))
        .containsExactlyInAnyOrder("INVALID_EVENT", "EMPTY_VALUE");
    assertThat(InstantiationCanary.CONSTRUCTED.get()).isEqualTo(constructedBefore);
    assertThat(InstantiationCanary.DESERIALIZED.get()).isEqualTo(deserializedBefore);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] javaSerialized(Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }
}
