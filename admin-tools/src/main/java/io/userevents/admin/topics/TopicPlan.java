package io.userevents.admin.topics;

import java.util.List;

/**
 * The difference between desired and actual state: the changes apply would make, warnings to read
 * before applying, refusals (changes the tool will not make, e.g. fewer partitions) and the
 * existing topics the file does not mention.
 */
record TopicPlan(
    List<TopicChange> changes,
    List<String> warnings,
    List<String> refusals,
    List<String> unmanaged) {

  TopicPlan {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
    refusals = List.copyOf(refusals);
    unmanaged = List.copyOf(unmanaged);
  }

  boolean hasChanges() {
    return !changes.isEmpty();
  }

  boolean isRefused() {
    return !refusals.isEmpty();
  }

  long count(Class<? extends TopicChange> type) {
    return changes.stream().filter(type::isInstance).count();
  }
}
