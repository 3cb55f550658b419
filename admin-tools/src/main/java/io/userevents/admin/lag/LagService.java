package io.userevents.admin.lag;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.Futures;
import io.userevents.admin.lag.NextRecord.AtLogEnd;
import io.userevents.admin.lag.NextRecord.Found;
import io.userevents.admin.lag.NextRecord.Unavailable;
import io.userevents.admin.lag.PartitionLag.PartitionState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
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
 * record at the committed offset ({@link NextRecords}). Never prints.
 */
final class LagService {

  private final Admin admin;
  private final NextRecords nextRecords;
  private final Clock clock;
  private final Duration timeout;

  LagService(Admin admin, Consumer<byte[], byte[]> reader, Clock clock, Duration timeout) {
    this.admin = admin;
    this.nextRecords = new NextRecords(reader, timeout);
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

  /** Partitions whose record timestamp the last {@link #lag} read from the cluster. */
  int lastTimestampFetches() {
    return nextRecords.lastFetched();
  }

  List<GroupLag> lag(Collection<String> groups) {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<GroupLag> result = new ArrayList<>();
    List<GroupOffsets> described = new ArrayList<>();
    Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions =
        admin.describeConsumerGroups(groups).describedGroups();
    for (String group : new TreeSet<>(groups)) {
      try {
        GroupOffsets offsets = describe(group, descriptions.get(group));
        if (offsets == null) {
          result.add(notFound(group));
        } else {
          described.add(offsets);
        }
      } catch (GroupIdNotFoundException e) {
        result.add(notFound(group));
      } catch (KafkaException | CliException e) {
        result.add(GroupLag.failed(group, "UNKNOWN", e.getMessage()));
      }
    }
    LogEndOffsets logEnd = logEndOffsets(described);
    Set<Position> lagging = new HashSet<>();
    described.forEach(
        g -> g.lagging(logEnd).forEach((tp, offset) -> lagging.add(new Position(tp, offset))));
    Map<Position, NextRecord> next = nextRecords.read(lagging, logEnd);
    long now = clock.millis();
    for (GroupOffsets group : described) {
      List<PartitionLag> rows =
          group.partitions().stream().map(tp -> row(group, tp, logEnd, next, now)).toList();
      result.add(new GroupLag(group.group(), group.state(), group.members(), rows, null));
    }
    result.sort(Comparator.comparing(GroupLag::group));
    return result;
  }

  /** The group's offsets, or null when the group does not exist. */
  private @Nullable GroupOffsets describe(
      String group, KafkaFuture<ConsumerGroupDescription> description) {
    ConsumerGroupDescription described =
        Futures.get(description, timeout, "describe group " + group);
    Map<TopicPartition, OffsetAndMetadata> committed =
        Futures.get(
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
            timeout,
            "list offsets of group " + group);
    if (described.groupState() == GroupState.DEAD && committed.isEmpty()) {
      return null;
    }
    return GroupOffsets.of(described, committed);
  }

  private static GroupLag notFound(String group) {
    return GroupLag.failed(group, "NOT_FOUND", "group " + group + " does not exist");
  }

  private static PartitionLag row(
      GroupOffsets group,
      TopicPartition tp,
      LogEndOffsets logEnd,
      Map<Position, NextRecord> next,
      long now) {
    Long current = group.committed(tp);
    Long end = logEnd.offset(tp);
    Long lag = LagMath.offsetLag(current, end);
    Reading reading = reading(tp, current, end, lag, logEnd, next, now);
    MemberDescription owner = group.owner(tp);
    return new PartitionLag(
        group.group(),
        tp.topic(),
        tp.partition(),
        current,
        end,
        lag,
        reading.lagMillis(),
        owner == null ? null : owner.consumerId(),
        owner == null ? null : owner.host(),
        owner == null ? null : owner.clientId(),
        reading.state(),
        reading.detail());
  }

  /** State, time lag and detail of one partition. */
  private record Reading(PartitionState state, @Nullable Long lagMillis, @Nullable String detail) {}

  private static Reading reading(
      TopicPartition tp,
      @Nullable Long current,
      @Nullable Long end,
      @Nullable Long lag,
      LogEndOffsets logEnd,
      Map<Position, NextRecord> next,
      long now) {
    if (end == null) {
      return new Reading(PartitionState.UNKNOWN, null, logEnd.error(tp));
    }
    if (current == null) {
      return new Reading(PartitionState.NO_COMMIT, null, "no committed offset");
    }
    NextRecord record = next.get(new Position(tp, current));
    if (record instanceof AtLogEnd) {
      return new Reading(PartitionState.OK, 0L, null);
    }
    Long timestamp = record instanceof Found found ? found.timestamp() : null;
    Long lagMillis = LagMath.timeLagMillis(lag, timestamp, now);
    String detail = null;
    if (lagMillis == null) {
      detail =
          record instanceof Unavailable unavailable
              ? unavailable.reason()
              : "timestamp of record at offset unavailable";
    }
    return new Reading(PartitionState.OK, lagMillis, detail);
  }

  private LogEndOffsets logEndOffsets(List<GroupOffsets> groups) {
    Set<TopicPartition> partitions = new HashSet<>();
    groups.forEach(g -> partitions.addAll(g.partitions()));
    if (partitions.isEmpty()) {
      return new LogEndOffsets(Map.of(), Map.of());
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    ListOffsetsResult result = admin.listOffsets(request);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Map<TopicPartition, String> errors = new HashMap<>();
    for (TopicPartition tp : partitions) {
      try {
        offsets.put(tp, Futures.get(result.partitionResult(tp), timeout, "list offsets").offset());
      } catch (RuntimeException e) {
        errors.put(tp, "log end offset unavailable: " + e.getMessage());
      }
    }
    return new LogEndOffsets(offsets, errors);
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
}
