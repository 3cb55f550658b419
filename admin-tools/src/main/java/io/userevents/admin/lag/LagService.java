package io.userevents.admin.lag;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.Futures;
import io.userevents.admin.lag.PartitionLag.PartitionState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Computes per-partition lag of consumer groups: committed offsets and members from the group
 * coordinator, log end offsets from the partition leaders, and time lag from the timestamp of the
 * record at the committed offset, read with an assigned (group-less) consumer. Never prints.
 */
final class LagService {

  private static final Duration POLL = Duration.ofMillis(200);

  /** Stands for "no data record between the committed offset and the log end". */
  private static final long CAUGHT_UP = Long.MIN_VALUE;

  private final Admin admin;
  private final Consumer<byte[], byte[]> reader;
  private final Clock clock;
  private final Duration timeout;

  LagService(Admin admin, Consumer<byte[], byte[]> reader, Clock clock, Duration timeout) {
    this.admin = admin;
    this.reader = reader;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** All consumer groups the cluster knows, sorted. */
  List<String> allGroups() {
    Collection<GroupListing> listings =
        Futures.get(
            admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeout, "list groups");
    return listings.stream().map(GroupListing::groupId).sorted().toList();
  }

  List<GroupLag> lag(Collection<String> groups) {
    if (groups.isEmpty()) {
      return List.of();
    }
    Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions =
        admin.describeConsumerGroups(groups).describedGroups();
    List<GroupLag> result = new ArrayList<>();
    Map<String, GroupData> data = new HashMap<>();
    for (String group : new TreeSet<>(groups)) {
      try {
        ConsumerGroupDescription description =
            Futures.get(descriptions.get(group), timeout, "describe group " + group);
        String state = state(description.groupState());
        Map<TopicPartition, OffsetAndMetadata> committed =
            Futures.get(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                timeout,
                "list offsets of group " + group);
        if (description.groupState() == GroupState.DEAD && committed.isEmpty()) {
          result.add(GroupLag.failed(group, "NOT_FOUND", "group " + group + " does not exist"));
          continue;
        }
        data.put(group, new GroupData(description, state, committed));
      } catch (GroupIdNotFoundException e) {
        result.add(GroupLag.failed(group, "NOT_FOUND", "group " + group + " does not exist"));
      } catch (KafkaException | CliException e) {
        result.add(GroupLag.failed(group, "UNKNOWN", e.getMessage()));
      }
    }
    Set<TopicPartition> partitions = new HashSet<>();
    data.values().forEach(d -> partitions.addAll(d.partitions()));
    Map<TopicPartition, Long> logEnd = new HashMap<>();
    Map<TopicPartition, String> logEndErrors = new HashMap<>();
    logEndOffsets(partitions, logEnd, logEndErrors);

    Map<TopicPartition, Map<Long, Long>> timestamps = new HashMap<>();
    Map<TopicPartition, String> timestampErrors = new HashMap<>();
    for (GroupData group : data.values()) {
      Map<TopicPartition, Long> positions = new HashMap<>();
      group.committed.forEach(
          (tp, offset) -> {
            Long end = logEnd.get(tp);
            if (offset != null && end != null && offset.offset() < end) {
              positions.put(tp, offset.offset());
            }
          });
      readTimestamps(positions, logEnd, timestamps, timestampErrors);
    }
    long now = clock.millis();
    for (GroupData group : data.values()) {
      List<PartitionLag> rows = new ArrayList<>();
      for (TopicPartition tp : group.partitions()) {
        rows.add(
            row(group, tp, logEnd.get(tp), logEndErrors.get(tp), timestamps, timestampErrors, now));
      }
      rows.sort(
          Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
      result.add(
          new GroupLag(
              group.description.groupId(),
              group.state,
              group.description.members().size(),
              rows,
              null));
    }
    result.sort(Comparator.comparing(GroupLag::group));
    return result;
  }

  private PartitionLag row(
      GroupData group,
      TopicPartition tp,
      @Nullable Long logEnd,
      @Nullable String logEndError,
      Map<TopicPartition, Map<Long, Long>> timestamps,
      Map<TopicPartition, String> timestampErrors,
      long now) {
    OffsetAndMetadata committed = group.committed.get(tp);
    Long current = committed == null ? null : committed.offset();
    MemberDescription member = group.owner(tp);
    String consumerId = member == null ? null : member.consumerId();
    String host = member == null ? null : member.host();
    String clientId = member == null ? null : member.clientId();
    Long lag = LagMath.offsetLag(current, logEnd);
    if (logEnd == null) {
      return new PartitionLag(
          group.description.groupId(),
          tp.topic(),
          tp.partition(),
          current,
          null,
          null,
          null,
          consumerId,
          host,
          clientId,
          PartitionState.UNKNOWN,
          logEndError == null ? "log end offset unavailable" : logEndError);
    }
    if (current == null) {
      return new PartitionLag(
          group.description.groupId(),
          tp.topic(),
          tp.partition(),
          null,
          logEnd,
          null,
          null,
          consumerId,
          host,
          clientId,
          PartitionState.NO_COMMIT,
          "no committed offset");
    }
    Long timestamp = timestamps.getOrDefault(tp, Map.of()).get(current);
    Long lagMillis =
        timestamp != null && timestamp == CAUGHT_UP
            ? Long.valueOf(0L)
            : LagMath.timeLagMillis(lag, timestamp, now);
    String detail = null;
    if (lagMillis == null) {
      detail = timestampErrors.getOrDefault(tp, "timestamp of record at offset unavailable");
    }
    return new PartitionLag(
        group.description.groupId(),
        tp.topic(),
        tp.partition(),
        current,
        logEnd,
        lag,
        lagMillis,
        consumerId,
        host,
        clientId,
        PartitionState.OK,
        detail);
  }

  private void logEndOffsets(
      Set<TopicPartition> partitions,
      Map<TopicPartition, Long> logEnd,
      Map<TopicPartition, String> errors) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    ListOffsetsResult result = admin.listOffsets(request);
    for (TopicPartition tp : partitions) {
      try {
        logEnd.put(tp, Futures.get(result.partitionResult(tp), timeout, "list offsets").offset());
      } catch (RuntimeException e) {
        errors.put(tp, "log end offset unavailable: " + e.getMessage());
      }
    }
  }

  /**
   * Reads the timestamp of the first record at or after each position. A partition whose position
   * reaches the log end without a record (only transaction markers left) counts as caught up.
   */
  private void readTimestamps(
      Map<TopicPartition, Long> positions,
      Map<TopicPartition, Long> logEnd,
      Map<TopicPartition, Map<Long, Long>> timestamps,
      Map<TopicPartition, String> errors) {
    Map<TopicPartition, Long> remaining = new HashMap<>();
    positions.forEach(
        (tp, offset) -> {
          if (!timestamps.getOrDefault(tp, Map.of()).containsKey(offset)) {
            remaining.put(tp, offset);
          }
        });
    if (remaining.isEmpty()) {
      return;
    }
    try {
      reader.assign(remaining.keySet());
      remaining.forEach(reader::seek);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!remaining.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          Long position = remaining.remove(tp);
          if (position != null) {
            timestamps.computeIfAbsent(tp, k -> new HashMap<>()).put(position, record.timestamp());
            reader.pause(List.of(tp));
          }
        }
        for (TopicPartition tp : List.copyOf(remaining.keySet())) {
          if (reader.position(tp) >= logEnd.get(tp)) {
            // Nothing but control records between the committed offset and the log end.
            timestamps
                .computeIfAbsent(tp, k -> new HashMap<>())
                .put(remaining.remove(tp), CAUGHT_UP);
          }
        }
      }
      remaining.keySet().forEach(tp -> errors.put(tp, "no record read within " + timeout));
    } catch (KafkaException e) {
      remaining.keySet().forEach(tp -> errors.put(tp, "could not read record: " + e.getMessage()));
    } finally {
      reader.unsubscribe();
    }
  }

  static String state(@Nullable GroupState state) {
    if (state == null) {
      return "UNKNOWN";
    }
    return switch (state) {
      case STABLE -> "STABLE";
      case EMPTY -> "EMPTY";
      case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING -> "REBALANCING";
      case DEAD -> "DEAD";
      default -> "UNKNOWN";
    };
  }

  private static final class GroupData {
    final ConsumerGroupDescription description;
    final String state;
    final Map<TopicPartition, OffsetAndMetadata> committed;
    final Map<TopicPartition, MemberDescription> owners = new HashMap<>();

    GroupData(
        ConsumerGroupDescription description,
        String state,
        Map<TopicPartition, OffsetAndMetadata> committed) {
      this.description = description;
      this.state = state;
      this.committed = new HashMap<>(committed);
      for (MemberDescription member : description.members()) {
        member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member));
      }
    }

    @Nullable MemberDescription owner(TopicPartition tp) {
      return owners.get(tp);
    }

    Set<TopicPartition> partitions() {
      Set<TopicPartition> all = new HashSet<>(owners.keySet());
      committed.forEach(
          (tp, offset) -> {
            if (offset != null) {
              all.add(tp);
            }
          });
      return all.stream()
          .sorted(
              Comparator.comparing(TopicPartition::topic)
                  .thenComparingInt(TopicPartition::partition))
          .collect(Collectors.toCollection(LinkedHashSet::new));
    }
  }
}
