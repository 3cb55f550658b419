package io.userevents.model.kafka;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A {@link org.apache.kafka.common.serialization.Serde} for {@link UserEvent} (for Kafka Streams or
 * anything that takes a serde): a {@link UserEventSerializer} and a {@link UserEventDeserializer}
 * sharing one codec. {@link #configure} passes the configuration to both; tombstones stay null.
 */
public class UserEventSerde extends Serdes.WrapperSerde<UserEvent> {

  /** A serde using the shared codec. */
  public UserEventSerde() {
    this(UserEventCodec.create());
  }

  /** A serde using the given codec. */
  public UserEventSerde(UserEventCodec codec) {
    super(new UserEventSerializer(codec), new UserEventDeserializer(codec));
  }
}
