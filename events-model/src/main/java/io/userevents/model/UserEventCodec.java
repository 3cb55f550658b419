package io.userevents.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.userevents.model.EventDecodingException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@link UserEvent}s to and from their JSON wire format. Instances are immutable and
 * thread-safe: share one ({@link #create()}).
 *
 * <p><b>Writing</b> always produces UTF-8 JSON of the current schema version ({@value
 * UserEvent#CURRENT_SCHEMA_VERSION}) with a fixed field order ({@code eventId, eventType, userId,
 * username, email, timestamp, metadata, schemaVersion, correlationId}; null username, email and
 * correlationId written as {@code null}), so equal events give equal bytes.
 *
 * <p><b>Reading</b> accepts every version up to the current one:
 *
 * <ul>
 *   <li>a payload without {@code schemaVersion} is version 1 (the original course format); it is
 *       upcast, so the event carries the current version and a null correlation id (a {@code
 *       correlationId} in a version 1 payload is an unknown field and ignored);
 *   <li>unknown fields are ignored, so that a newer producer does not break this reader;
 *   <li>{@code metadata} absent or {@code null} reads as empty; {@code username} and {@code email}
 *       may be absent or null only for {@link EventType#USER_DELETED};
 *   <li>integers may be written with a zero fraction ({@code 2.0}), as JSON Schema allows.
 * </ul>
 *
 * <p>Everything else fails with an {@link EventDecodingException} whose {@link
 * EventDecodingException#reason() reason} says why: {@code MALFORMED_JSON} (not a single JSON
 * object, duplicate keys, trailing data), {@code PAYLOAD_TOO_LARGE}, {@code
 * UNSUPPORTED_SCHEMA_VERSION} (thrown as {@link UnsupportedSchemaVersionException}, reported before
 * any other problem of the payload), or {@code INVALID_EVENT} with the offending field named. None
 * of these is worth retrying.
 */
public final class UserEventCodec {

  /** Default largest payload accepted by {@link #decode(byte[])}: 64 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  private static final UserEventCodec DEFAULT = new UserEventCodec(DEFAULT_MAX_PAYLOAD_BYTES);

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
    this.factory = jsonFactory;
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
    try (ByteArrayBuilder out = new ByteArrayBuilder(384);
        JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      write(event, gen);
      gen.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + event, e);
    }
  }

  /**
   * Writes the event as one JSON object of the current schema version to a generator of the
   * caller's, in the same field order as {@link #encode(UserEvent)}; used by {@link
   * UserEventJacksonModule} inside an application's own {@code ObjectMapper}.
   */
  void write(UserEvent event, JsonGenerator gen) throws IOException {
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
  }

  /**
   * Copies the JSON value the caller's parser stands at into this codec's strict format and decodes
   * it, so that an event read inside an application's {@code ObjectMapper} obeys exactly the rules
   * of {@link #decode(byte[])} (duplicate keys, limits, upcasting), whatever that mapper's
   * settings.
   */
  UserEvent read(JsonParser parser) throws IOException {
    try (ByteArrayBuilder out = new ByteArrayBuilder(384);
        JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      gen.copyCurrentStructure(parser);
      gen.flush();
      return decode(out.toByteArray());
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
    return decode(payload, 0, payload.length);
  }

  /**
   * {@link #decode(byte[])} for the {@code length} bytes of {@code payload} from {@code offset},
   * without copying them; errors report positions within that range.
   *
   * @throws EventDecodingException when the payload is not a valid event of a supported version
   * @throws IndexOutOfBoundsException when the range is not within {@code payload}
   */
  public UserEvent decode(byte[] payload, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, payload.length);
    if (length > maxPayloadBytes) {
      throw new EventDecodingException(
          Reason.PAYLOAD_TOO_LARGE,
          null,
          "payload of " + length + " bytes exceeds the limit of " + maxPayloadBytes,
          null);
    }
    Fields fields = new Fields();
    try (JsonParser parser = factory.createParser(payload, offset, length)) {
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
      throw malformed(e);
    } catch (IOException e) {
      throw malformed("cannot read payload: " + e.getClass().getSimpleName(), null);
    }
    return fields.toEvent();
  }

  /** {@link #decode(byte[])} for a string. */
  public UserEvent decode(String payload) {
    return decode(payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A parser error as a decoding error whose message (and cause chain) does not echo the payload:
   * Jackson quotes the offending token of "Unrecognized token" errors, which may be personal data.
   */
  private static EventDecodingException malformed(JsonProcessingException e) {
    String detail = e.getOriginalMessage();
    boolean echoesPayload = detail == null || detail.startsWith("Unrecognized token");
    JsonLocation at = e.getLocation();
    String message =
        "not valid JSON: "
            + (echoesPayload ? "unrecognized token" : detail)
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    return malformed(message, echoesPayload ? null : e);
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
  private static final class Fields {
    @Nullable String eventId;
    @Nullable String eventType;
    @Nullable String userId;
    @Nullable String username;
    @Nullable String email;
    @Nullable BigInteger timestamp;
    @Nullable Map<String, @Nullable Object> metadata;
    boolean schemaVersionPresent;
    @Nullable BigInteger schemaVersion;
    @Nullable String correlationId;
    @Nullable EventDecodingException firstError;
    @Nullable EventDecodingException correlationIdError;

    void read(String name, JsonToken token, JsonParser parser) throws IOException {
      switch (name) {
        case "eventId" -> eventId = string(name, token, parser);
        case "eventType" -> eventType = string(name, token, parser);
        case "userId" -> userId = string(name, token, parser);
        case "username" -> username = string(name, token, parser);
        case "email" -> email = string(name, token, parser);
        case "timestamp" -> timestamp = integer(name, token, parser);
        case "metadata" -> metadata = object(name, token, parser);
        case "schemaVersion" -> {
          schemaVersionPresent = true;
          schemaVersion = integer(name, token, parser);
          if (schemaVersion == null && token == JsonToken.VALUE_NULL) {
            wrongType(name, "an integer");
          }
        }
        case "correlationId" -> {
          // Not a field of version 1: its type is only checked once the version is known.
          EventDecodingException earlier = firstError;
          firstError = null;
          correlationId = string(name, token, parser);
          correlationIdError = firstError;
          firstError = earlier;
        }
        default -> parser.skipChildren();
      }
    }

    private @Nullable String string(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "a string");
        parser.skipChildren();
      }
      return null;
    }

    /** An integer, also written as a number without fraction (JSON Schema's notion). */
    private @Nullable BigInteger integer(String name, JsonToken token, JsonParser parser)
        throws IOException {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType type = parser.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
            ? BigInteger.valueOf(parser.getLongValue())
            : parser.getBigIntegerValue();
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal value = parser.getDecimalValue().stripTrailingZeros();
        if (value.scale() <= 0) {
          // "1e999999999" is short but must not be expanded: anything this large is out of range.
          return value.precision() - value.scale() > 19
              ? BigInteger.valueOf(value.signum()).shiftLeft(Long.SIZE)
              : value.toBigInteger();
        }
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "an integer");
        parser.skipChildren();
      }
      return null;
    }

    private @Nullable Map<String, @Nullable Object> object(
        String name, JsonToken token, JsonParser parser) throws IOException {
      if (token == JsonToken.START_OBJECT) {
        return readObject(parser);
      }
      if (token != JsonToken.VALUE_NULL) {
        wrongType(name, "an object");
        parser.skipChildren();
      }
      return null;
    }

    private void wrongType(String name, String expected) {
      if (firstError == null) {
        firstError = invalid(name, name + ": must be " + expected, null);
      }
    }

    UserEvent toEvent() {
      int version = schemaVersionPresent ? clampToInt(schemaVersion) : 1;
      if (version > UserEvent.CURRENT_SCHEMA_VERSION) {
        throw new UnsupportedSchemaVersionException(version);
      }
      if (firstError != null) {
        throw firstError;
      }
      if (version < 1) {
        throw invalid("schemaVersion", "schemaVersion: must be at least 1", null);
      }
      if (version >= 2 && correlationIdError != null) {
        throw correlationIdError;
      }
      EventType type = parseType();
      try {
        return new UserEvent(
            requireNonNull("eventId", eventId),
            type,
            requireNonNull("userId", userId),
            username,
            email,
            timestampValue(),
            metadata == null ? Map.of() : metadata,
            UserEvent.CURRENT_SCHEMA_VERSION,
            version >= 2 ? correlationId : null);
      } catch (InvalidEventException e) {
        throw invalid(e.field(), e.getMessage(), e);
      }
    }

    private long timestampValue() {
      if (timestamp == null) {
        throw invalid("timestamp", "timestamp: is required", null);
      }
      if (timestamp.bitLength() >= Long.SIZE) {
        throw invalid(
            "timestamp",
            "timestamp: must be epoch milliseconds between 1 and " + UserEvent.MAX_TIMESTAMP,
            null);
      }
      return timestamp.longValue();
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
  }

  /**
   * The JSON object the parser stands at (its {@code START_OBJECT} read), as Jackson's untyped
   * binding reads it with default settings: objects as {@link LinkedHashMap}, arrays as {@link
   * ArrayList}, integers as the smallest of {@code Integer}, {@code Long} and {@code BigInteger},
   * other numbers as {@code Double}. The parser enforces nesting depth, duplicate keys and the
   * number and string limits as before; the event's constructor checks and copies the result.
   */
  private static Map<String, @Nullable Object> readObject(JsonParser parser) throws IOException {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      map.put(name, readValue(parser, parser.nextToken()));
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "Unexpected token " + parser.currentToken());
    }
    return map;
  }

  private static @Nullable Object readValue(JsonParser parser, @Nullable JsonToken token)
      throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "Unexpected end-of-input");
    }
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(parser, next));
        }
        yield list;
      }
      default -> throw new JsonParseException(parser, "Unexpected token " + token);
    };
  }

  private static int clampToInt(@Nullable BigInteger value) {
    if (value == null) {
      return 1; // only reached with a type error already recorded
    }
    if (value.bitLength() < Integer.SIZE) {
      return value.intValue();
    }
    return value.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
  }

  private static EventDecodingException invalid(
      String field, String message, @Nullable Throwable cause) {
    return new EventDecodingException(Reason.INVALID_EVENT, field, message, cause);
  }
}
