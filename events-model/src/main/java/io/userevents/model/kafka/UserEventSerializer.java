package io.userevents.model.kafka;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link UserEvent}s as JSON of the current schema version ({@link
 * io.userevents.model.UserEventCodec}) and, when the producer passes headers (as {@code
 * KafkaProducer} always does), replaces the CloudEvents 1.0 binary-mode headers described in {@link
 * CloudEventHeaders}. Writes no type or class-name headers. A null event is written as a null value
 * (a tombstone) without headers.
 *
 * <p>Configuration: {@value #CLOUDEVENTS_SOURCE_CONFIG} sets {@code ce_source}, a URI reference
 * (default {@value CloudEventHeaders#DEFAULT_SOURCE}); anything else fails {@link #configure} with
 * a {@link ConfigException}. Thread-safe once configured.
 */
public class UserEventSerializer implements Serializer<UserEvent> {

  /** Producer property naming the CloudEvents source of this producer. */
  public static final String CLOUDEVENTS_SOURCE_CONFIG = "userevents.cloudevents.source";

  private final UserEventCodec codec;
  private volatile String source = CloudEventHeaders.DEFAULT_SOURCE;

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
    if (configured == null || configured.toString().isBlank()) {
      return;
    }
    String value = configured.toString().strip();
    try {
      new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(CLOUDEVENTS_SOURCE_CONFIG, value, "must be a URI reference");
    }
    source = value;
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
