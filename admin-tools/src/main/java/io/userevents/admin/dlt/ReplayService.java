package io.userevents.admin.dlt;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.dlt.ReplayReport.Entry;
import io.userevents.admin.dlt.ReplayReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    ReplayProgress progress =
        ReplayProgress.plan(
            partitions,
            consumer.committed(Set.copyOf(partitions), timeout),
            consumer.beginningOffsets(partitions, timeout),
            consumer.endOffsets(partitions, timeout),
            request.filter());
    consumer.assign(partitions);
    progress.next().forEach(consumer::seek);
    ReplayTally tally = new ReplayTally();
    long idleSince = System.nanoTime();
    while (!progress.done() && !tally.limitReached(request)) {
      if (replayBatch(request, partitions, progress, tally)) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
        throw new CliException(
            "no progress reading " + request.dltTopic() + " for " + timeout + "; stopped");
      }
    }
    return tally.report(request, group, progress);
  }

  /** Polls once, replays what matched and commits after the acks; true when it moved on. */
  private boolean replayBatch(
      ReplayRequest request,
      List<TopicPartition> partitions,
      ReplayProgress progress,
      ReplayTally tally) {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    boolean progressed = false;
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      if (!progress.wants(record) || tally.limitReached(request)) {
        continue;
      }
      progressed = true;
      tally.scanned();
      progress.passed(record);
      if (request.filter().matches(record)) {
        Entry entry = entry(record, request);
        tally.matched(entry);
        if (entry.outcome() == Outcome.REPLAYED) {
          sends.add(publish(record, entry));
        }
      }
    }
    // Records between the last one read and the stop offset may be gone (compaction,
    // transaction markers): a position at or past the stop offset means the partition is done.
    for (TopicPartition tp : partitions) {
      if (!tally.limitReached(request)
          && progress.unfinished(tp)
          && consumer.position(tp, timeout) >= progress.stop(tp)) {
        progress.finish(tp);
        progressed = true;
      }
    }
    if (!request.dryRun()) {
      awaitAcks(sends);
      commit(progress);
    }
    return progressed;
  }

  private Entry entry(ConsumerRecord<byte[], byte[]> record, ReplayRequest request) {
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

  private Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, Entry entry) {
    try {
      throttle.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
    return producer.send(copy(record, entry.target(), entry.replayCount() + 1));
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

  private void commit(ReplayProgress progress) {
    Map<TopicPartition, OffsetAndMetadata> offsets = progress.toCommit();
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets, timeout);
      progress.committed(offsets);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
