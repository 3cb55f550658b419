package io.userevents.admin.topics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;

/** ACLs in the file's own words, for plan, apply and describe output. */
final class AclText {

  private AclText() {}

  /** e.g. {@code User:producer-service allow write topic user-events (literal) from *}. */
  static String of(AclBinding binding) {
    return String.format(
        "%s %s %s %s %s (%s) from %s",
        binding.entry().principal(),
        word(binding.entry().permissionType().name()),
        word(binding.entry().operation().name()),
        word(binding.pattern().resourceType().name()),
        binding.pattern().name(),
        word(binding.pattern().patternType().name()),
        binding.entry().host());
  }

  static Map<String, Object> map(AclBinding binding) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("principal", binding.entry().principal());
    map.put("resourceType", word(binding.pattern().resourceType().name()));
    map.put("name", binding.pattern().name());
    map.put("patternType", word(binding.pattern().patternType().name()));
    map.put("operation", word(binding.entry().operation().name()));
    map.put("permission", word(binding.entry().permissionType().name()));
    map.put("host", binding.entry().host());
    return map;
  }

  /** {@code TRANSACTIONAL_ID} -> {@code transactional-id}, as in topics.yaml. */
  static String word(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
