package io.userevents.admin.topics;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/** The topics and ACLs a topics.yaml asks for, in file order. */
record DesiredState(List<TopicSpec> topics, List<AclBinding> acls) {

  DesiredState {
    topics = List.copyOf(topics);
    acls = List.copyOf(acls);
  }

  DesiredState(List<TopicSpec> topics) {
    this(topics, List.of());
  }

  /**
   * Forces one replication factor on every topic, e.g. 1 for a single-broker dev cluster, and
   * lowers {@code min.insync.replicas} to it where it would otherwise exceed it (acks=all producers
   * could never write). Returns the new state and a note per lowered setting.
   */
  Overridden overrideReplicationFactor(int replicas) {
    List<TopicSpec> result = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (TopicSpec topic : topics) {
      TopicSpec changed = topic.withReplicationFactor(replicas);
      String minIsr = topic.configs().get(TopicSpec.MIN_INSYNC_REPLICAS);
      if (minIsr != null && parseOr(minIsr, 0) > replicas) {
        changed = changed.withConfig(TopicSpec.MIN_INSYNC_REPLICAS, String.valueOf(replicas));
        notes.add(
            topic.name()
                + ": min.insync.replicas lowered from "
                + minIsr
                + " to "
                + replicas
                + " to match --replication-factor-override");
      }
      result.add(changed);
    }
    return new Overridden(new DesiredState(result, acls), notes);
  }

  private static int parseOr(String value, int fallback) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  record Overridden(DesiredState state, List<String> notes) {}
}
