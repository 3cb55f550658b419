package io.userevents.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration property a built service can bind: the {@code
 * META-INF/spring-configuration-metadata.json} of the service itself and of every library inside
 * its Spring Boot jar (Boot's auto-configurations, Spring Kafka, springdoc, ...).
 */
final class ServiceMetadata {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Property name -> declared type (may be null). */
  private final Map<String, String> properties;

  /**
   * Property name -> declared default value, as the metadata writes it, for those that have one.
   */
  private final Map<String, String> defaults;

  private ServiceMetadata(Map<String, String> properties, Map<String, String> defaults) {
    this.properties = properties;
    this.defaults = defaults;
  }

  /** Read once per jar: each read unpacks every nested jar of the service. */
  private static final Map<Path, ServiceMetadata> READ = new ConcurrentHashMap<>();

  static ServiceMetadata of(Path bootJar) {
    return READ.computeIfAbsent(bootJar.toAbsolutePath().normalize(), ServiceMetadata::readJar);
  }

  private static ServiceMetadata readJar(Path bootJar) {
    Map<String, String> properties = new HashMap<>();
    Map<String, String> defaults = new HashMap<>();
    try (JarFile jar = new JarFile(bootJar.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        // The repackaged jar keeps the application's own metadata at the root (Boot 4) or under
        // BOOT-INF/classes (older layouts).
        if (entry.getName().equals(METADATA)
            || entry.getName().equals("BOOT-INF/classes/" + METADATA)) {
          try (InputStream in = jar.getInputStream(entry)) {
            read(in, properties, defaults);
          }
        } else if (entry.getName().startsWith("BOOT-INF/lib/")
            && entry.getName().endsWith(".jar")) {
          try (ZipInputStream nested = new ZipInputStream(jar.getInputStream(entry))) {
            for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
              if (inner.getName().equals(METADATA)) {
                read(nested, properties, defaults);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + bootJar, e);
    }
    return new ServiceMetadata(
        Collections.unmodifiableMap(properties), Collections.unmodifiableMap(defaults));
  }

  private static void read(InputStream in, Map<String, String> types, Map<String, String> defaults)
      throws IOException {
    JsonNode root = JSON.readTree(in.readAllBytes());
    for (JsonNode property : root.path("properties")) {
      String name = property.path("name").asString();
      types.put(name, property.path("type").asString(null));
      JsonNode value = property.path("defaultValue");
      if (value.isValueNode() && !value.isNull()) {
        defaults.put(name, value.asString());
      }
    }
  }

  /** The default the metadata declares for {@code property}, or null when it declares none. */
  String defaultValue(String property) {
    return defaults.get(property);
  }

  List<String> propertiesStartingWith(String prefix) {
    return properties.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
  }

  boolean hasPropertyStartingWith(String prefix) {
    return properties.keySet().stream().anyMatch(name -> name.startsWith(prefix));
  }

  /**
   * The declared properties an environment variable binds to, by Spring Boot's own relaxed binding
   * rules for the system environment (e.g. SPRING_KAFKA_BOOTSTRAP_SERVERS and
   * SPRING_KAFKA_BOOTSTRAPSERVERS both reach spring.kafka.bootstrap-servers; LOGGING_LEVEL_X
   * reaches the map logging.level).
   */
  List<String> propertiesBoundBy(String envVar, String value) {
    SystemEnvironmentPropertySource env =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(envVar, value));
    ConfigurationPropertySource source = ConfigurationPropertySources.from(env).iterator().next();
    return properties.entrySet().stream()
        .filter(property -> ConfigurationPropertyName.isValid(property.getKey()))
        .filter(property -> binds(source, property.getKey(), property.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static boolean binds(ConfigurationPropertySource source, String name, String type) {
    ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
    if (type != null && type.startsWith("java.util.Map")) {
      return source.containsDescendantOf(property) == ConfigurationPropertyState.PRESENT;
    }
    ConfigurationProperty bound = source.getConfigurationProperty(property);
    return bound != null;
  }
}
