package io.userevents.admin.topics;

import io.userevents.admin.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Turns one entry of the {@code acls:} list into Kafka ACL bindings, one per operation. Values
 * arrive as strings (lists as lists of strings), already expanded by {@link TopicsFile}.
 *
 * <pre>
 * - principal: User:producer-service
 *   resourceType: topic        # topic | group | cluster | transactional-id
 *   name: user-events          # cluster: kafka-cluster (the default)
 *   patternType: literal       # literal (default) | prefixed
 *   operations: [write, describe]
 *   permission: allow          # allow (default) | deny
 *   host: "*"                  # default: any host
 * </pre>
 */
final class AclParser {

  static final String CLUSTER_NAME = "kafka-cluster";
  static final Set<String> KEYS =
      Set.of(
          "principal", "resourceType", "name", "patternType", "operations", "permission", "host");

  private static final Map<String, ResourceType> RESOURCE_TYPES =
      Map.of(
          "topic", ResourceType.TOPIC,
          "group", ResourceType.GROUP,
          "cluster", ResourceType.CLUSTER,
          "transactional-id", ResourceType.TRANSACTIONAL_ID);
  private static final Set<AclOperation> NOT_ALLOWED_IN_FILE =
      Set.of(AclOperation.ANY, AclOperation.UNKNOWN);

  private AclParser() {}

  static List<AclBinding> parse(Map<String, Object> entry, String where) {
    Set<String> unknown = new TreeSet<>(entry.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new CliException(
          where
              + ": unknown keys "
              + unknown
              + " (expected: "
              + String.join(", ", new TreeSet<>(KEYS))
              + ")");
    }
    String principal = required(entry, "principal", where);
    if (!principal.matches("[A-Za-z]+:.+")) {
      throw new CliException(
          where + ".principal: expected TYPE:NAME, e.g. User:producer-service, was " + principal);
    }
    ResourceType type =
        lookup(RESOURCE_TYPES, required(entry, "resourceType", where), where + ".resourceType");
    String name =
        (String) entry.getOrDefault("name", type == ResourceType.CLUSTER ? CLUSTER_NAME : null);
    if (name == null) {
      throw new CliException(where + ".name: missing value");
    }
    if (type == ResourceType.CLUSTER && !name.equals(CLUSTER_NAME)) {
      throw new CliException(where + ".name: a cluster ACL is named " + CLUSTER_NAME);
    }
    PatternType patternType =
        lookup(
            Map.of("literal", PatternType.LITERAL, "prefixed", PatternType.PREFIXED),
            (String) entry.getOrDefault("patternType", "literal"),
            where + ".patternType");
    AclPermissionType permission =
        lookup(
            Map.of("allow", AclPermissionType.ALLOW, "deny", AclPermissionType.DENY),
            (String) entry.getOrDefault("permission", "allow"),
            where + ".permission");
    String host = (String) entry.getOrDefault("host", "*");
    ResourcePattern pattern = new ResourcePattern(type, name, patternType);
    List<AclBinding> bindings = new ArrayList<>();
    for (String text : operations(entry.get("operations"), where)) {
      AclOperation operation = operation(text, where + ".operations");
      bindings.add(
          new AclBinding(pattern, new AccessControlEntry(principal, host, operation, permission)));
    }
    return bindings;
  }

  private static List<String> operations(Object value, String where) {
    if (value == null) {
      throw new CliException(where + ".operations: missing value (e.g. [read, describe])");
    }
    List<String> operations =
        value instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(value));
    if (operations.isEmpty()) {
      throw new CliException(where + ".operations: empty list");
    }
    return operations;
  }

  private static AclOperation operation(String text, String where) {
    String constant = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      AclOperation operation = AclOperation.valueOf(constant);
      if (!NOT_ALLOWED_IN_FILE.contains(operation)) {
        return operation;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new CliException(
        where
            + ": unknown operation '"
            + text
            + "' (e.g. read, write, describe, idempotent-write)");
  }

  private static String required(Map<String, Object> entry, String key, String where) {
    Object value = entry.get(key);
    if (!(value instanceof String text)) {
      throw new CliException(where + "." + key + ": missing value");
    }
    return text;
  }

  private static <T> T lookup(Map<String, T> choices, String value, String where) {
    T choice = choices.get(value.toLowerCase(Locale.ROOT));
    if (choice == null) {
      throw new CliException(
          where + ": expected one of " + new TreeSet<>(choices.keySet()) + ", was '" + value + "'");
    }
    return choice;
  }
}
