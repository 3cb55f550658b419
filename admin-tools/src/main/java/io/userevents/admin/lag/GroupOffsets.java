package io.userevents.admin.lag;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** One group as the coordinator describes it: state, members, committed offsets. */
record GroupOffsets(
    String group,
    String state,
    int members,
    Map<TopicPartition, Long> committed,
    Map<TopicPartition, MemberDescription> owners) {

  private static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  GroupOffsets {
    committed = Map.copyOf(committed);
    owners = Map.copyOf(owners);
  }

  static GroupOffsets of(
      ConsumerGroupDescription description, Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach(
        (tp, offset) -> {
          if (offset != null) {
            offsets.put(tp, offset.offset());
          }
        });
    Map<TopicPartition, MemberDescription> owners = new HashMap<>();
    for (MemberDescription member : description.members()) {
      member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member));
    }
    return new GroupOffsets(
        description.groupId(),
        LagService.state(description.groupState()),
        description.members().size(),
        offsets,
        owners);
  }

  @Nullable Long committed(TopicPartition tp) {
    return committed.get(tp);
  }

  @Nullable MemberDescription owner(TopicPartition tp) {
    return owners.get(tp);
  }

  /** Partitions the group owns or committed to, by topic and partition. */
  List<TopicPartition> partitions() {
    TreeSet<TopicPartition> all = new TreeSet<>(ORDER);
    all.addAll(owners.keySet());
    all.addAll(committed.keySet());
    return List.copyOf(all);
  }

  /** Committed offsets below the log end: the positions whose next record tells the time lag. */
  Map<TopicPartition, Long> lagging(LogEndOffsets logEnd) {
    Map<TopicPartition, Long> lagging = new HashMap<>();
    committed.forEach(
        (tp, offset) -> {
          Long end = logEnd.offset(tp);
          if (end != null && offset < end) {
            lagging.put(tp, offset);
          }
        });
    return lagging;
  }
}
