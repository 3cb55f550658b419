package io.userevents.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.userevents.model.EventDecodingException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@link UserEvent}s to and from their JSON wire format. Instances are immutable and
 * thread-safe; share one.
 *
 * <p>Writing always produces the current schema version ({@value UserEvent#CURRENT_SCHEMA_VERSION})
 * with a fixed field order, so equal events give equal bytes. Reading accepts every version up to
 * the current one: a payload without {@code schemaVersion} is version 1 and is upcast; unknown
 * fields are ignored so that a newer producer does not break this reader. Everything else fails
 * with an {@link EventDecodingException} whose {@link EventDecodingException#reason() reason} tells
 * malformed JSON, an invalid event, a payload that is too large, and a newer schema version ({@link
 * UnsupportedSchemaVersionException}) apart.
 */
public final class UserEventCodec {

  /** Default largest payload accepted by {@link #decode(byte[])}: 64 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  private static final UserEventCodec DEFAULT = new UserEventCodec(DEFAULT_MAX_PAYLOAD_BYTES);

  private final ObjectMapper mapper;
  private final JsonFactory factory;
  private final int maxPayloadBytes;

  private UserEventCodec(int maxPayloadBytes) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive");
    }
    this.maxPayloadBytes = maxPayloadBytes;
    JsonFactory jsonFactory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(EventMetadata.MAX_DEPTH + 4)
                    .maxStringLength(maxPayloadBytes)
                    .maxNumberLength(64)
                    .build())
            .build();
    this.mapper = JsonMapper.builder(jsonFactory).addModule(new ParameterNamesModule()).build();
    this.factory = mapper.getFactory();
  }

  /** The shared codec with the default payload limit. */
  public static UserEventCodec create() {
    return DEFAULT;
  }

  /** A codec that refuses payloads larger than {@code maxPayloadBytes}. */
  public static UserEventCodec withMaxPayloadBytes(int maxPayloadBytes) {
    return new UserEventCodec(maxPayloadBytes);
  }

  /** The largest payload this codec decodes, in bytes. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** The event as UTF-8 JSON of the current schema version. */
  public byte[] encode(UserEvent event) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(factory._getBufferRecycler(), 384);
        JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      gen.writeStartObject();
      gen.writeStringField("eventId", event.eventId());
      gen.writeStringField("eventType", event.eventType().name());
      gen.writeStringField("userId", event.userId());
      writeNullableString(gen, "username", event.username());
      writeNullableString(gen, "email", event.email());
      gen.writeNumberField("timestamp", event.timestamp());
      gen.writeFieldName("metadata");
      writeJson(gen, event.metadata());
      gen.writeNumberField("schemaVersion", UserEvent.CURRENT_SCHEMA_VERSION);
      writeNullableString(gen, "correlationId", event.correlationId());
      gen.writeEndObject();
      gen.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + event, e);
    }
  }

  /** {@link #encode(UserEvent)} as a string. */
  public String encodeToString(UserEvent event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads a payload of any supported schema version as a current {@link UserEvent}.
   *
   * @throws EventDecodingException when the payload is not a valid event of a supported version
   */
  public UserEvent decode(byte[] payload) {
    if (payload.length > maxPayloadBytes) {
      throw new EventDecodingException(
          Reason.PAYLOAD_TOO_LARGE,
          null,
          "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes,
          null);
    }
    Fields fields = new Fields();
    try (JsonParser parser = factory.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("payload must be a JSON object", null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        fields.read(name, token, parser);
      }
      if (parser.nextToken() != null) {
        throw malformed("unexpected data after the JSON object", null);
      }
    } catch (JsonProcessingException e) {
      throw malformed("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw malformed("cannot read payload: " + e.getMessage(), e);
    }
    return fields.toEvent();
  }

  /** {@link #decode(byte[])} for a string. */
  public UserEvent decode(String payload) {
    return decode(payload.getBytes(StandardCharsets.UTF_8));
  }

  private static EventDecodingException malformed(String message, @Nullable Throwable cause) {
    return new EventDecodingException(Reason.MALFORMED_JSON, null, message, cause);
  }

  private static void writeNullableString(JsonGenerator gen, String name, @Nullable String value)
      throws IOException {
    if (value == null) {
      gen.writeNullField(name);
    } else {
      gen.writeStringField(name, value);
    }
  }

  private static void writeJson(JsonGenerator gen, @Nullable Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      gen.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof BigInteger bi) {
      gen.writeNumber(bi);
    } else if (value instanceof BigDecimal bd) {
      gen.writeNumber(bd);
    } else if (value instanceof Number n) {
      gen.writeNumber(n.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        gen.writeFieldName((String) entry.getKey());
        writeJson(gen, entry.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        writeJson(gen, item);
      }
      gen.writeEndArray();
    } else {
      throw new IllegalStateException("not a JSON value: " + value.getClass());
    }
  }

  /** Field values collected while parsing; the first type error is kept and reported later. */
  private final class Fields {
    @Nullable String eventId;
    @Nullable String eventType;
    @Nullable String userId;
    @Nullable String username;
    @Nullable String email;
    @Nullable Long timestamp;
    @Nullable Map<String, @Nullable Object> metadata;
    @Nullable Integer schemaVersion;
    @Nullable String correlationId;
    @Nullable EventDecodingException firstError;

    void read(String name, JsonToken token, JsonParser parser) throws IOException {
      switch (name) {
        case "eventId" -> eventId = string(name, token, parser);
        case "eventType" -> eventType = string(name, token, parser);
        case "userId" -> userId = string(name, token, parser);
        case "username" -> username = string(name, token, parser);
        case "email" -> email = string(name, token, parser);
        case "timestamp" -> timestamp = integer(name, token, parser);
        case "schemaVersion" -> {
          Long version = integer(name, token, parser);
          schemaVersion =
              version == null
                  ? null
                  : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, version));
        }
        case "correlationId" -> correlationId = string(name, token, parser);
        case "metadata" -> metadata = object(name, token, parser);
        default -> parser.skipChildren();
      }
    }

    private @Nullable String string(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "a string", parser);
      }
      return null;
    }

    private @Nullable Long integer(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        return parser.getLongValue();
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "an integer", parser);
      }
      return null;
    }

    private @Nullable Map<String, @Nullable Object> object(
        String name, JsonToken token, JsonParser parser) throws IOException {
      if (token == JsonToken.START_OBJECT) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> value = mapper.readValue(parser, Map.class);
        return value;
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "an object", parser);
      }
      return null;
    }

    private void wrongType(String name, String expected, JsonParser parser) throws IOException {
      if (firstError == null) {
        firstError =
            new EventDecodingException(
                Reason.INVALID_EVENT, name, name + ": must be " + expected, null);
      }
      parser.skipChildren();
    }

    UserEvent toEvent() {
      int version = schemaVersion == null ? 1 : schemaVersion;
      if (version > UserEvent.CURRENT_SCHEMA_VERSION) {
        throw new UnsupportedSchemaVersionException(version);
      }
      if (firstError != null) {
        throw firstError;
      }
      if (version < 1) {
        throw invalid("schemaVersion", "schemaVersion: must be at least 1", null);
      }
      if (timestamp == null) {
        throw invalid("timestamp", "timestamp: is required", null);
      }
      EventType type = parseType();
      try {
        return new UserEvent(
            requireNonNull("eventId", eventId),
            type,
            requireNonNull("userId", userId),
            username,
            email,
            timestamp,
            metadata == null ? Map.of() : metadata,
            UserEvent.CURRENT_SCHEMA_VERSION,
            correlationId);
      } catch (InvalidEventException e) {
        throw invalid(e.field(), e.getMessage(), e);
      }
    }

    private EventType parseType() {
      String type = requireNonNull("eventType", eventType);
      try {
        return EventType.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw invalid(
            "eventType",
            "eventType: must be one of USER_CREATED, USER_UPDATED, USER_DELETED",
            null);
      }
    }

    private String requireNonNull(String name, @Nullable String value) {
      if (value == null) {
        throw invalid(name, name + ": is required", null);
      }
      return value;
    }

    private EventDecodingException invalid(
        String field, String message, @Nullable Throwable cause) {
      return new EventDecodingException(Reason.INVALID_EVENT, field, message, cause);
    }
  }
}
