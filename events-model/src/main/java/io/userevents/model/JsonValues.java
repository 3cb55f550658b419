package io.userevents.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Untyped JSON values (the event's metadata) written to and read from Jackson's streaming API. */
final class JsonValues {

  private JsonValues() {}

  static void write(JsonGenerator gen, @Nullable Object value) throws IOException {
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
        write(gen, entry.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        write(gen, item);
      }
      gen.writeEndArray();
    } else {
      throw new IllegalStateException("not a JSON value: " + value.getClass());
    }
  }

  /**
   * The JSON object the parser stands at (its {@code START_OBJECT} read), as Jackson's untyped
   * binding reads it with default settings: objects as {@link LinkedHashMap}, arrays as {@link
   * ArrayList}, integers as the smallest of {@code Integer}, {@code Long} and {@code BigInteger},
   * other numbers as {@code Double}. The parser enforces nesting depth, duplicate keys and the
   * number and string limits as before; the event's constructor checks and copies the result.
   */
  static Map<String, @Nullable Object> readObject(JsonParser parser) throws IOException {
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
}
