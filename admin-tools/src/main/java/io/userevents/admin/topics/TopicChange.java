package io.userevents.admin.topics;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One step of a plan. */
sealed interface TopicChange {

  String topic();

  /** Creates a topic with its partitions, replication factor and configs. */
  record CreateTopic(TopicSpec spec) implements TopicChange {
    @Override
    public String topic() {
      return spec.name();
    }
  }

  /** Adds partitions; keys hash to different partitions afterwards. */
  record AddPartitions(String topic, int from, int to) implements TopicChange {}

  /** Sets, changes or removes per-topic config overrides. */
  record AlterConfigs(String topic, List<ConfigChange> configs) implements TopicChange {
    public AlterConfigs {
      configs = List.copyOf(configs);
    }
  }

  /** Deletes a topic the desired state no longer lists (only with --allow-delete). */
  record DeleteTopic(String topic) implements TopicChange {}

  /**
   * A change of one override. {@code current == null}: a new override; {@code desired == null}: the
   * override is removed and the broker default applies again.
   */
  record ConfigChange(String name, @Nullable String current, @Nullable String desired) {

    static ConfigChange of(Map.Entry<String, String> entry, @Nullable String current) {
      return new ConfigChange(entry.getKey(), current, entry.getValue());
    }
  }
}
