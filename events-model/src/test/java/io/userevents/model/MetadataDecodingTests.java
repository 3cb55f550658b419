package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec reads {@code metadata} with its own streaming reader; it must give the same event, or
 * the same error, as Jackson's untyped data binding under the same parser limits (how the codec
 * read metadata before).
 */
class MetadataDecodingTests {

  private static final ObjectMapper REFERENCE =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(EventMetadata.MAX_DEPTH + 4)
                          .maxStringLength(UserEventCodec.DEFAULT_MAX_PAYLOAD_BYTES)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .build();

  private final UserEventCodec codec = UserEventCodec.create();

  private static String payload(String metadata) {
    return "{\"eventId\":\"e-1\",\"eventType\":\"USER_CREATED\",\"userId\":\"u-1\","
        + "\"username\":\"john_doe\",\"email\":\"john@example.com\",\"timestamp\":1645123456789,"
        + "\"metadata\":"
        + metadata
        + ",\"schemaVersion\":2,\"correlationId\":null}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "{}",
        "{\"source\":\"web\",\"region\":\"eu-west-1\"}",
        "{\"a\":1,\"b\":-1,\"c\":2147483647,\"d\":2147483648,\"e\":-9223372036854775808}",
        "{\"big\":92233720368547758070,\"neg\":-92233720368547758070}",
        "{\"f\":1.5,\"g\":1.0,\"h\":-0.0,\"i\":1e3,\"j\":1E-3,\"k\":2.5e+10}",
        "{\"inf\":1e999}",
        "{\"t\":true,\"f\":false,\"n\":null}",
        "{\"list\":[1,\"two\",3.0,true,null,[],{},[[1]],{\"x\":{\"y\":[]}}]}",
        "{\"nested\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}",
        "{\"nested\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{}}}}}}}}}}",
        "{\"deep\":[[[[[[[[[]]]]]]]]]}",
        "{\"deep\":[[[[[[[[[[[[]]]]]]]]]]]]}",
        "{\"dup\":1,\"dup\":2}",
        "{\"n\":{\"dup\":1,\"dup\":2}}",
        "{\"\":1}",
        "{\"unicode\":\"\\u00e9\\ud83d\\ude00\",\"\\u00e9\":\"x\"}",
        "{\"a\":[1,2,]}",
        "{\"a\":[1 2]}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":tru}",
        "{\"a\":NaN}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":\"unterminated}",
        "{\"a\":1234567890123456789012345678901234567890123456789012345678901234567890}",
        "{\"a\":[}",
        "{\"a\":{]}",
        "{1:2}",
        "[]",
        "\"text\"",
        "42",
        "{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\":1}",
      })
  void readsMetadataAsDataBindingDid(String metadata) throws IOException {
    Map<String, @Nullable Object> expectedMetadata = null;
    String expectedParseError = null;
    boolean notAnObject = !metadata.startsWith("{");
    String json = payload(metadata);
    // The codec's former path: the same parser, positioned at the value, read by data binding.
    try (JsonParser parser =
        REFERENCE.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (name.equals("metadata") && token == JsonToken.START_OBJECT) {
          @SuppressWarnings("unchecked")
          Map<String, @Nullable Object> read = REFERENCE.readValue(parser, Map.class);
          expectedMetadata = read;
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      String detail = e.getOriginalMessage();
      JsonLocation at = e.getLocation();
      expectedParseError =
          "not valid JSON: "
              + (detail.startsWith("Unrecognized token") ? "unrecognized token" : detail)
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    if (expectedParseError != null) {
      EventDecodingException error =
          catchThrowableOfType(EventDecodingException.class, () -> codec.decode(json));
      assertThat(error.reason()).isEqualTo(EventDecodingException.Reason.MALFORMED_JSON);
      assertThat(error.getMessage()).isEqualTo(expectedParseError);
      return;
    }
    UserEvent expected;
    try {
      expected =
          new UserEvent(
              "e-1",
              EventType.USER_CREATED,
              "u-1",
              "john_doe",
              "john@example.com",
              1645123456789L,
              expectedMetadata == null ? Map.of() : expectedMetadata,
              2,
              null);
    } catch (InvalidEventException e) {
      EventDecodingException error =
          catchThrowableOfType(EventDecodingException.class, () -> codec.decode(json));
      assertThat(error.reason()).isEqualTo(EventDecodingException.Reason.INVALID_EVENT);
      assertThat(error.field()).isEqualTo(e.field());
      assertThat(error.getMessage()).isEqualTo(e.getMessage());
      return;
    }
    if (notAnObject && !metadata.equals("null")) {
      EventDecodingException error =
          catchThrowableOfType(EventDecodingException.class, () -> codec.decode(json));
      assertThat(error.field()).isEqualTo("metadata");
      return;
    }
    UserEvent actual = codec.decode(json);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.metadata().toString()).isEqualTo(expected.metadata().toString());
    assertThat(types(actual.metadata())).isEqualTo(types(expected.metadata()));
  }

  /** The classes of all values, depth first, so that Integer and Long are told apart. */
  private static String types(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append(k).append('=').append(types(v)).append(','));
      return out.append('}').toString();
    }
    if (value instanceof java.util.List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(types(v)).append(','));
      return out.append(']').toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
