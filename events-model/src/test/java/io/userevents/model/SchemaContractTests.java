package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userevents.model.kafka.CloudEventHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schemas shipped in the jar: where they are, that their bounds are the record's, and that
 * schema and codec accept and refuse the same field values.
 */
class SchemaContractTests {

  private final UserEventCodec codec = UserEventCodec.create();

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void schemaIsShippedAtTheResourcePathNamedByItsId(int version) throws IOException {
    JsonNode schema = shippedSchema(version);

    assertThat(schema.get("$id").asText())
        .isEqualTo(CloudEventHeaders.schemaUri(version))
        .isEqualTo("https://userevents.io/schemas/user-event/v" + version + ".json");
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void theDataSchemaHeaderNamesTheSchemaOfTheCurrentVersion() throws IOException {
    assertThat(CloudEventHeaders.CURRENT_DATA_SCHEMA)
        .isEqualTo(shippedSchema(UserEvent.CURRENT_SCHEMA_VERSION).get("$id").asText());
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void schemaBoundsAreTheRecordConstants(int version) throws IOException {
    JsonNode schema = shippedSchema(version);
    JsonNode defs = schema.get("$defs");
    JsonNode properties = schema.get("properties");

    assertThat(defs.at("/id/maxLength").asInt()).isEqualTo(UserEvent.MAX_ID_LENGTH);
    assertThat(defs.at("/username/pattern").asText()).isEqualTo(UserEvent.USERNAME_REGEX);
    assertThat(defs.at("/email/pattern").asText()).isEqualTo(UserEvent.EMAIL_REGEX);
    assertThat(defs.at("/email/maxLength").asInt()).isEqualTo(UserEvent.MAX_EMAIL_LENGTH);
    assertThat(defs.at("/metadataKey/maxLength").asInt()).isEqualTo(EventMetadata.MAX_KEY_LENGTH);
    assertThat(properties.at("/metadata/maxProperties").asInt())
        .isEqualTo(EventMetadata.MAX_ENTRIES);
    assertThat(properties.at("/timestamp/maximum").asLong()).isEqualTo(UserEvent.MAX_TIMESTAMP);
    assertThat(properties.at("/eventType/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::name).toList());
  }

  @Test
  void version2FixesTheSchemaVersionAndVersion1LeavesItOpen() throws IOException {
    assertThat(shippedSchema(2).at("/properties/schemaVersion/const").asInt())
        .isEqualTo(UserEvent.CURRENT_SCHEMA_VERSION);
    assertThat(shippedSchema(1).at("/properties").has("schemaVersion")).isFalse();
    assertThat(shippedSchema(1).at("/properties").has("correlationId")).isFalse();
  }

  static Stream<Arguments> fieldValues() {
    String local64 = "a".repeat(64);
    String domain = "b".repeat(63) + "." + "c".repeat(63) + ".";
    return Stream.of(
        arguments("userId", "user-456", true),
        arguments("userId", "", false),
        arguments("userId", "   ", false),
        arguments("userId", "\u2003", false), // em space: blank for String.isBlank
        arguments("userId", "\u00a0", true), // no-break space is not whitespace in Java
        arguments("userId", " u ", true),
        arguments("userId", "user\n", false),
        arguments("userId", "user\u0085", false),
        arguments("userId", "x".repeat(128), true),
        arguments("userId", "x".repeat(129), false),
        arguments("userId", "😀".repeat(128), true), // 128 code points, 256 UTF-16 units
        arguments("userId", "😀".repeat(129), false),
        arguments("username", "john_doe", true),
        arguments("username", "jo", false),
        arguments("username", "x".repeat(50), true),
        arguments("username", "x".repeat(51), false),
        arguments("username", "john doe", false),
        arguments("username", "jöhn", false),
        arguments("username", "john_doe\n", false),
        arguments("username", "john_doe\u2028", false),
        arguments("email", "john@example.com", true),
        arguments("email", "a@b.co", true),
        arguments("email", "john@example", false),
        arguments("email", "john@", false),
        arguments("email", "john@example.com\n", false),
        arguments("email", "john@example.com\r", false),
        arguments("email", local64 + "@example.com", true),
        arguments("email", "a" + local64 + "@example.com", false),
        arguments("email", local64 + "@" + domain + "d".repeat(61), true), // 254 characters
        arguments("email", local64 + "@" + domain + "d".repeat(62), false), // 255 characters
        arguments("correlationId", "req-1", true),
        arguments("correlationId", " ", false),
        arguments("correlationId", "x".repeat(129), false));
  }

  @ParameterizedTest(name = "{0} = \"{1}\" accepted: {2}")
  @MethodSource("fieldValues")
  void schemaAndCodecAgreeOnFieldValues(String field, String value, boolean accepted) {
    ObjectNode payload =
        (ObjectNode) GoldenVectors.tree(GoldenVectors.bytes("v2/user-created.json"));
    payload.put(field, value);
    byte[] bytes = payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    boolean schemaAccepts = GoldenVectors.violations(2, bytes).isEmpty();
    boolean codecAccepts;
    try {
      codec.decode(bytes);
      codecAccepts = true;
    } catch (EventDecodingException e) {
      assertThat(e.field()).isEqualTo(field);
      codecAccepts = false;
    }

    assertThat(codecAccepts).as("codec accepts").isEqualTo(accepted);
    assertThat(schemaAccepts).as("schema accepts").isEqualTo(accepted);
  }

  private static JsonNode shippedSchema(int version) throws IOException {
    try (InputStream in =
        UserEvent.class.getResourceAsStream("/schemas/user-event/v" + version + ".json")) {
      assertThat(in).as("schemas/user-event/v%d.json on the class path", version).isNotNull();
      return GoldenVectors.tree(in.readAllBytes());
    }
  }
}
