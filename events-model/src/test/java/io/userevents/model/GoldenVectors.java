package io.userevents.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.userevents.model.kafka.CloudEventHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the golden vectors under {@code src/test/resources/vectors} and validates JSON against the
 * schemas this jar ships, found the way a consumer would: by the {@code $id} that {@code
 * ce_dataschema} names, mapped to the class-path resource {@code schemas/user-event/vN.json}.
 */
public final class GoldenVectors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  mappers ->
                      mappers.mapPrefix("https://userevents.io/schemas/", "classpath:schemas/")));

  private static final JsonSchema V1 =
      SCHEMAS.getSchema(SchemaLocation.of(CloudEventHeaders.schemaUri(1)));
  private static final JsonSchema V2 =
      SCHEMAS.getSchema(SchemaLocation.of(CloudEventHeaders.schemaUri(2)));

  private GoldenVectors() {}

  /** The bytes of {@code vectors/<path>}, exactly as committed. */
  public static byte[] bytes(String path) {
    try (InputStream in = GoldenVectors.class.getResourceAsStream("/vectors/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden vector " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every vector file, as a path relative to {@code vectors/}, sorted. */
  public static List<String> all() {
    URL root = GoldenVectors.class.getResource("/vectors");
    try (Stream<Path> files = Files.walk(Paths.get(root.toURI()))) {
      Path base = Paths.get(root.toURI());
      return files
          .filter(Files::isRegularFile)
          .map(file -> base.relativize(file).toString().replace('\\', '/'))
          .filter(name -> !name.startsWith(".") && !name.equals("README.md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON tree of a payload; fails when it is not JSON. */
  public static JsonNode tree(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema with the {@code $id} of the given version. */
  public static JsonSchema schema(int version) {
    return switch (version) {
      case 1 -> V1;
      case 2 -> V2;
      default -> throw new IllegalArgumentException("no schema version " + version);
    };
  }

  /** The schema violations of a payload; empty when it conforms. */
  public static Set<ValidationMessage> violations(int schemaVersion, byte[] payload) {
    return schema(schemaVersion).validate(tree(payload));
  }
}
