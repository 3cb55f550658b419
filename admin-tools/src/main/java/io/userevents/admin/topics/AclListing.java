package io.userevents.admin.topics;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The ACLs {@code topics describe} lists: per described topic those that apply to it (literal,
 * prefixed and {@code *}), and once the ACLs on every resource that is not a topic (groups, the
 * cluster, transactional ids, ...). Every principal's: describe reads no file.
 *
 * @param byTopic per described topic, in the order described; each list sorted by {@link
 *     AclPlanner#ORDER}
 * @param notOnTopics sorted by resource type and name, then {@link AclPlanner#ORDER}
 */
record AclListing(Map<String, List<AclBinding>> byTopic, List<AclBinding> notOnTopics) {

  private static final Comparator<AclBinding> BY_RESOURCE =
      Comparator.comparing((AclBinding b) -> b.pattern().resourceType())
          .thenComparing(b -> b.pattern().name())
          .thenComparing(AclPlanner.ORDER);

  AclListing {
    Map<String, List<AclBinding>> sorted = new LinkedHashMap<>();
    byTopic.forEach(
        (topic, bindings) ->
            sorted.put(topic, bindings.stream().sorted(AclPlanner.ORDER).toList()));
    byTopic = Collections.unmodifiableMap(sorted);
    notOnTopics = notOnTopics.stream().sorted(BY_RESOURCE).toList();
  }
}
