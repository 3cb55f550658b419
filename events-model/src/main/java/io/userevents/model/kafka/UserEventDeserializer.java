package io.userevents.model.kafka;

import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads record values as {@link UserEvent}s of any supported schema version. Headers are never
 * consulted, so a record cannot make this deserializer instantiate another class. A null value (a
 * tombstone) is read as null; anything else that is not a valid event throws {@link
 * EventDecodingException}, which retrying cannot fix: with plain kafka-clients {@code poll} wraps
 * it in a {@code RecordDeserializationException}. Stateless and thread-safe.
 */
public class UserEventDeserializer implements Deserializer<UserEvent> {

  private final UserEventCodec codec;

  /** A deserializer using the shared codec (the constructor Kafka calls). */
  public UserEventDeserializer() {
    this(UserEventCodec.create());
  }

  /** A deserializer using the given codec. */
  public UserEventDeserializer(UserEventCodec codec) {
    this.codec = codec;
  }

  @Override
  public @Nullable UserEvent deserialize(String topic, byte @Nullable [] data) {
    return data == null ? null : codec.decode(data);
  }

  @Override
  public @Nullable UserEvent deserialize(String topic, Headers headers, byte @Nullable [] data) {
    return deserialize(topic, data);
  }
}
