package io.userevents.admin.dlt;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.dlt.ReplayReport.Entry;
import io.userevents.admin.dlt.ReplayReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Re-publishes dead letters. Reads the DLT with an assigned consumer whose group stores progress: a
 * run starts at the committed offset and, after the producer acknowledged a batch, commits past
 * every record it looked at (replayed, refused or filtered out), so a second run does not replay
 * the same record again. Reads up to the end offsets seen at start. Never prints.
 */
final class ReplayService {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final @Nullable Producer<byte[], byte[]> producer;
  private final String group;
  private final Throttle throttle;
  private final Duration timeout;

  ReplayService(
      Consumer<byte[], byte[]> consumer,
      @Nullable Producer<byte[], byte[]> producer,
      String group,
      Throttle throttle,
      Duration timeout) {
    this.consumer = consumer;
    this.producer = producer;
    this.group = group;
    this.throttle = throttle;
    this.timeout = timeout;
  }

  ReplayReport replay(ReplayRequest request) {
    if (!request.dryRun() && producer == null) {
      throw new IllegalStateException("a producer is needed unless dry-run");
    }
    List<TopicPartition> partitions = partitions(request);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(Set.copyOf(partitions), timeout);

    Map<TopicPartition, Long> next = new HashMap<>();
    Map<TopicPartition, Long> stop = new HashMap<>();
    Map<Integer, Long> startOffsets = new TreeMap<>();
    Map<Integer, Long> endOffsets = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata progress = committed.get(tp);
      long start = Math.max(progress == null ? 0 : progress.offset(), beginning.get(tp));
      if (request.filter().fromOffset() != null) {
        start = Math.max(start, request.filter().fromOffset());
      }
      long last = end.get(tp);
      if (request.filter().toOffset() != null) {
        last = Math.min(last, request.filter().toOffset() + 1);
      }
      startOffsets.put(tp.partition(), start);
      endOffsets.put(tp.partition(), end.get(tp));
      next.put(tp, start);
      stop.put(tp, last);
    }
    consumer.assign(partitions);
    next.forEach(consumer::seek);

    Counts counts = new Counts();
    List<Entry> entries = new ArrayList<>();
    Map<String, Long> exceptions = new TreeMap<>();
    Map<TopicPartition, Long> lastProgress = new HashMap<>(next);
    long idleSince = System.nanoTime();
    while (!done(next, stop) && !limitReached(request, counts)) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      boolean progressed = false;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < next.get(tp)
            || record.offset() >= stop.get(tp)
            || limitReached(request, counts)) {
          continue;
        }
        progressed = true;
        counts.scanned++;
        next.put(tp, record.offset() + 1);
        if (!request.filter().matches(record)) {
          continue;
        }
        counts.matched++;
        Entry entry = handle(record, request, sends);
        entries.add(entry);
        exceptions.merge(entry.exceptionClass(), 1L, Long::sum);
        if (entry.outcome() == Outcome.REFUSED) {
          counts.refused++;
        } else {
          counts.replayed++;
        }
      }
      // Records between the last one read and the stop offset may be gone (compaction,
      // transaction markers): a position at or past the stop offset means the partition is done.
      for (TopicPartition tp : partitions) {
        if (!limitReached(request, counts)
            && next.get(tp) < stop.get(tp)
            && consumer.position(tp, timeout) >= stop.get(tp)) {
          next.put(tp, stop.get(tp));
          progressed = true;
        }
      }
      if (!request.dryRun()) {
        awaitAcks(sends);
        commit(next, lastProgress);
      }
      if (progressed) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
        throw new CliException(
            "no progress reading " + request.dltTopic() + " for " + timeout + "; stopped");
      }
    }
    return new ReplayReport(
        request.dltTopic(),
        group,
        request.dryRun(),
        startOffsets,
        endOffsets,
        counts.scanned,
        counts.matched,
        counts.replayed,
        counts.refused,
        exceptions,
        entries);
  }

  private Entry handle(
      ConsumerRecord<byte[], byte[]> record,
      ReplayRequest request,
      List<Future<RecordMetadata>> sends) {
    String exceptionClass = DltHeaders.exceptionClass(record.headers());
    int replayCount = DltHeaders.replayCount(record.headers());
    String target =
        request.to() != null
            ? request.to()
            : DltHeaders.text(record.headers(), DltHeaders.ORIGINAL_TOPIC);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    String timestamp = Instant.ofEpochMilli(record.timestamp()).toString();
    String reason = refusal(target, replayCount, request);
    Outcome outcome =
        reason != null
            ? Outcome.REFUSED
            : request.dryRun() ? Outcome.WOULD_REPLAY : Outcome.REPLAYED;
    if (outcome == Outcome.REPLAYED) {
      try {
        throttle.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted", e);
      }
      sends.add(producer.send(copy(record, target, replayCount + 1)));
    }
    return new Entry(
        record.partition(),
        record.offset(),
        timestamp,
        key,
        exceptionClass,
        Math.max(replayCount, 0),
        target,
        outcome,
        reason);
  }

  /** Why the record must not be replayed (loop guard, no usable target), or null when it may. */
  private static @Nullable String refusal(
      @Nullable String target, int replayCount, ReplayRequest request) {
    if (target == null || target.isBlank()) {
      return "no " + DltHeaders.ORIGINAL_TOPIC + " header; pass --to";
    }
    if (target.equals(request.dltTopic())) {
      return "target is the dead-letter topic itself";
    }
    if (target.startsWith("__")) {
      return "target " + target + " is an internal topic";
    }
    if (replayCount < 0) {
      return "unreadable " + DltHeaders.REPLAY_COUNT + " header";
    }
    if (replayCount >= request.maxReplays()) {
      return "loop guard: already replayed "
          + replayCount
          + " time(s), limit --max-replays "
          + request.maxReplays();
    }
    return null;
  }

  /**
   * The record to publish: same key, value and headers (without kafka_dlt-*), a new replay count
   * and the DLT position it came from. Partition and timestamp are left to the producer, so the
   * key's partitioner decides as for any new record.
   */
  static ProducerRecord<byte[], byte[]> copy(
      ConsumerRecord<byte[], byte[]> record, String target, int replayCount) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!DltHeaders.replayHeader(header.key())) {
        headers.add(header);
      }
    }
    headers.add(DltHeaders.REPLAY_COUNT, bytes(String.valueOf(replayCount)));
    headers.add(
        DltHeaders.REPLAYED_FROM,
        bytes(record.topic() + "-" + record.partition() + "@" + record.offset()));
    return new ProducerRecord<>(target, null, null, record.key(), record.value(), headers);
  }

  private List<TopicPartition> partitions(ReplayRequest request) {
    List<PartitionInfo> infos = consumer.partitionsFor(request.dltTopic(), timeout);
    if (infos == null || infos.isEmpty()) {
      throw new CliException("topic " + request.dltTopic() + " does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      Integer only = request.filter().partition();
      if (only == null || only == info.partition()) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
    }
    if (partitions.isEmpty()) {
      throw new CliException(
          request.dltTopic() + " has no partition " + request.filter().partition());
    }
    partitions.sort(Comparator.comparingInt(TopicPartition::partition));
    return partitions;
  }

  private void awaitAcks(List<Future<RecordMetadata>> sends) {
    if (sends.isEmpty()) {
      return;
    }
    producer.flush();
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new CliException(
            "publishing failed, progress of this batch not committed: " + e.getCause().getMessage(),
            e.getCause());
      } catch (TimeoutException e) {
        throw new CliException("publishing timed out, progress of this batch not committed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted", e);
      }
    }
  }

  private void commit(Map<TopicPartition, Long> next, Map<TopicPartition, Long> lastCommitted) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    next.forEach(
        (tp, offset) -> {
          if (!offset.equals(lastCommitted.get(tp))) {
            offsets.put(tp, new OffsetAndMetadata(offset, "kafka-admin dlt replay"));
          }
        });
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets, timeout);
      offsets.forEach((tp, offset) -> lastCommitted.put(tp, offset.offset()));
    }
  }

  private static boolean done(Map<TopicPartition, Long> next, Map<TopicPartition, Long> stop) {
    return next.entrySet().stream().allMatch(e -> e.getValue() >= stop.get(e.getKey()));
  }

  private static boolean limitReached(ReplayRequest request, Counts counts) {
    return request.limit() > 0 && counts.matched >= request.limit();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final class Counts {
    long scanned;
    long matched;
    long replayed;
    long refused;
  }
}
