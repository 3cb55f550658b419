package io.userevents.admin.topics;

import io.userevents.admin.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads topics.yaml into a {@link DesiredState}. Only plain maps, lists and scalars are built (no
 * arbitrary types). String values may hold {@code ${NAME}} or {@code ${NAME:-default}}, replaced
 * from the environment after parsing, so a variable can never inject YAML structure.
 *
 * <pre>
 * topics:
 *   - name: user-events
 *     partitions: 3
 *     replicationFactor: ${TOPICS_REPLICATION_FACTOR:-3}
 *     configs:
 *       min.insync.replicas: ${TOPICS_MIN_INSYNC_REPLICAS:-2}
 *       retention.ms: 604800000
 * acls:                     # optional; see AclParser
 *   - principal: User:producer-service
 *     resourceType: topic
 *     name: user-events
 *     operations: [write, describe]
 * </pre>
 */
final class TopicsFile {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Set<String> TOPIC_KEYS =
      Set.of("name", "partitions", "replicationFactor", "configs");

  private final Map<String, String> env;

  TopicsFile(Map<String, String> env) {
    this.env = env;
  }

  DesiredState load(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  DesiredState parse(Reader reader, String source) {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (YAMLException e) {
      throw new CliException(source + " is not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> document)
        || !(document.get("topics") instanceof List<?> list)) {
      throw new CliException(source + ": expected a top-level 'topics:' list");
    }
    Set<Object> unknown = new HashSet<>(document.keySet());
    unknown.remove("topics");
    unknown.remove("acls");
    if (!unknown.isEmpty()) {
      throw new CliException(
          source + ": unknown top-level keys " + unknown + " (expected: topics, acls)");
    }
    List<TopicSpec> topics = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + ": topics[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw new CliException(where + ": expected a map with name, partitions, ...");
      }
      TopicSpec spec = topic(entry, where);
      if (!names.add(spec.name())) {
        throw new CliException(where + ": topic " + spec.name() + " is listed twice");
      }
      topics.add(spec);
    }
    return new DesiredState(topics, acls(document.get("acls"), source));
  }

  private List<AclBinding> acls(@Nullable Object value, String source) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new CliException(source + ": 'acls:' must be a list");
    }
    Set<AclBinding> acls = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + ": acls[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw new CliException(where + ": expected a map with principal, resourceType, ...");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<?, ?> field : entry.entrySet()) {
        String key = String.valueOf(field.getKey());
        String at = where + "." + key;
        fields.put(
            key,
            field.getValue() instanceof List<?> items
                ? items.stream().map(item -> scalar(item, at)).toList()
                : scalar(field.getValue(), at));
      }
      for (AclBinding binding : AclParser.parse(fields, where)) {
        if (!acls.add(binding)) {
          throw new CliException(where + ": " + AclText.of(binding) + " is listed twice");
        }
      }
    }
    return List.copyOf(acls);
  }

  private TopicSpec topic(Map<?, ?> entry, String where) {
    Set<String> unknown =
        entry.keySet().stream()
            .map(String::valueOf)
            .filter(k -> !TOPIC_KEYS.contains(k))
            .collect(Collectors.toCollection(TreeSet::new));
    if (!unknown.isEmpty()) {
      throw new CliException(
          where
              + ": unknown keys "
              + unknown
              + " (expected: "
              + String.join(", ", ordered())
              + ")");
    }
    String name = scalar(entry.get("name"), where + ".name");
    where = where + " (" + name + ")";
    if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new CliException(where + ": invalid topic name (use at most 249 of a-z A-Z 0-9 . _ -)");
    }
    if (name.startsWith("__")) {
      throw new CliException(where + ": internal topics (__*) are never managed");
    }
    int partitions = positiveInt(entry.get("partitions"), where + ".partitions");
    Integer replicationFactor =
        entry.get("replicationFactor") == null
            ? null
            : positiveInt(entry.get("replicationFactor"), where + ".replicationFactor");
    if (replicationFactor != null && replicationFactor > Short.MAX_VALUE) {
      throw new CliException(where + ".replicationFactor: too large");
    }
    Map<String, String> configs = new LinkedHashMap<>();
    Object rawConfigs = entry.get("configs");
    if (rawConfigs != null) {
      if (!(rawConfigs instanceof Map<?, ?> map)) {
        throw new CliException(where + ".configs: expected a map of config name to value");
      }
      for (Map.Entry<?, ?> config : map.entrySet()) {
        String key = String.valueOf(config.getKey());
        configs.put(key, configValue(config.getValue(), where + ".configs." + key));
      }
    }
    return new TopicSpec(name, partitions, replicationFactor, configs);
  }

  private static List<String> ordered() {
    return List.of("name", "partitions", "replicationFactor", "configs");
  }

  private String configValue(Object value, String where) {
    if (value instanceof List<?> items) {
      List<String> parts = new ArrayList<>();
      for (Object item : items) {
        parts.add(scalar(item, where));
      }
      return String.join(",", parts);
    }
    return scalar(value, where);
  }

  private String scalar(Object value, String where) {
    if (value == null) {
      throw new CliException(where + ": missing value");
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new CliException(where + ": expected a single value");
    }
    String text = value instanceof String s ? expand(s, where) : String.valueOf(value);
    if (text.isBlank()) {
      throw new CliException(where + ": empty value");
    }
    return text.trim();
  }

  private int positiveInt(Object value, String where) {
    String text = scalar(value, where);
    try {
      int number = Integer.parseInt(text);
      if (number < 1) {
        throw new CliException(where + ": must be at least 1, was " + number);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new CliException(where + ": expected a whole number, was '" + text + "'", e);
    }
  }

  private String expand(String text, String where) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      if (value == null || value.isEmpty()) {
        value = matcher.group(2);
      }
      if (value == null) {
        throw new CliException(
            where
                + ": environment variable "
                + matcher.group(1)
                + " is not set and has no default");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
