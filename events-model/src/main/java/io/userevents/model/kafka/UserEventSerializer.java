package io.userevents.model.kafka;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link UserEvent}s as JSON of the current schema version and, when the producer passes
 * headers, the CloudEvents binary-mode headers ({@link CloudEventHeaders}). Writes no type headers.
 * A null event is written as a null value (a tombstone).
 *
 * <p>Configuration: {@value #CLOUDEVENTS_SOURCE_CONFIG} sets {@code ce_source} (default {@value
 * CloudEventHeaders#DEFAULT_SOURCE}).
 */
public class UserEventSerializer implements Serializer<UserEvent> {

  /** Producer property naming the CloudEvents source of this producer. */
  public static final String CLOUDEVENTS_SOURCE_CONFIG = "userevents.cloudevents.source";

  private final UserEventCodec codec;
  private String source = CloudEventHeaders.DEFAULT_SOURCE;

  /** A serializer using the shared codec (the constructor Kafka calls). */
  public UserEventSerializer() {
    this(UserEventCodec.create());
  }

  /** A serializer using the given codec. */
  public UserEventSerializer(UserEventCodec codec) {
    this.codec = codec;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object configured = configs.get(CLOUDEVENTS_SOURCE_CONFIG);
    if (configured != null && !configured.toString().isBlank()) {
      source = configured.toString();
    }
  }

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable UserEvent event) {
    return event == null ? null : codec.encode(event);
  }

  @Override
  public byte @Nullable [] serialize(String topic, Headers headers, @Nullable UserEvent event) {
    if (event == null) {
      return null;
    }
    CloudEventHeaders.write(headers, event, source);
    return codec.encode(event);
  }
}
