package io.userevents.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.userevents.model.EventDecodingException.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one wire payload, collected by {@link UserEventCodec} while parsing; the first type
 * error is kept and reported later, after the schema version is known.
 */
final class WireFields {
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
      return JsonValues.readObject(parser);
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
          "eventType", "eventType: must be one of USER_CREATED, USER_UPDATED, USER_DELETED", null);
    }
  }

  private String requireNonNull(String name, @Nullable String value) {
    if (value == null) {
      throw invalid(name, name + ": is required", null);
    }
    return value;
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
