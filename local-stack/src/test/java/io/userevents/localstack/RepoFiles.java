package io.userevents.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.Yaml;

/** Reads the repository's files the tests check: compose, Prometheus, service configuration. */
final class RepoFiles {

  private RepoFiles() {}

  /** The repository root: the parent of this module's directory. */
  static Path repoDir() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.isDirectory(dir.resolve("docker")) ? dir : dir.getParent();
  }

  static Path dockerDir() {
    return repoDir().resolve("docker");
  }

  static Map<String, Object> yaml(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Object> map = new Yaml().load(in);
      return map == null ? Map.of() : map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  /**
   * The service's own configuration (src/main/resources/application.properties|yml|yaml), flattened
   * to dotted keys.
   */
  static Map<String, String> serviceConfig(String module) {
    Path resources = repoDir().resolve(module).resolve("src/main/resources");
    Map<String, String> flat = new LinkedHashMap<>();
    Path properties = resources.resolve("application.properties");
    if (Files.exists(properties)) {
      Properties loaded = new Properties();
      try (InputStream in = Files.newInputStream(properties)) {
        loaded.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded.forEach((key, value) -> flat.put(key.toString(), value.toString()));
    }
    for (String name : List.of("application.yml", "application.yaml")) {
      Path yaml = resources.resolve(name);
      if (Files.exists(yaml)) {
        flatten("", yaml(yaml), flat);
      }
    }
    return flat;
  }

  private static void flatten(String prefix, Map<String, Object> map, Map<String, String> into) {
    map.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(name, map(nested), into);
          } else {
            into.put(name, String.valueOf(value));
          }
        });
  }
}
