package io.userevents.producer.fault;

import io.userevents.model.UserEventCodec;
import io.userevents.producer.fault.IngestLoad.Attempt;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What became of the events a load sent, held against every record read back from the topic.
 *
 * @param sent events sent (single creates plus bulk items)
 * @param acknowledged events answered 201 (single) or with an item status 201 (bulk)
 * @param found acknowledged events whose eventId is in the topic
 * @param lost acknowledged events not in the topic
 * @param duplicated acknowledged events in the topic more than once
 * @param usersInSequence users with more than one acknowledged event, whose order is checked
 * @param outOfOrder of those, users whose acknowledged events are not in the topic in the order
 *     they were sent (in one partition, at increasing offsets)
 * @param unavailable events answered 503 (single or bulk item)
 * @param writtenAfter503 events answered 503 that are in the topic all the same (the broker wrote
 *     them after the service gave up waiting, as a 503 warns may happen)
 * @param noAnswer events whose request got no HTTP answer at all
 * @param otherStatus events answered with anything but 201 or 503
 */
record DeliveryReport(
    int sent,
    int acknowledged,
    int found,
    int lost,
    int duplicated,
    int usersInSequence,
    int outOfOrder,
    int unavailable,
    int writtenAfter503,
    int noAnswer,
    int otherStatus) {

  private static final UserEventCodec CODEC = UserEventCodec.create();

  static DeliveryReport of(
      List<Attempt> attempts, List<ConsumerRecord<String, byte[]>> topicRecords) {
    Map<String, Integer> copies = new HashMap<>();
    Map<String, ConsumerRecord<String, byte[]>> firstCopy = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : topicRecords) {
      String eventId = CODEC.decode(record.value()).eventId();
      copies.merge(eventId, 1, Integer::sum);
      firstCopy.putIfAbsent(eventId, record);
    }
    int acknowledged = 0;
    int found = 0;
    int duplicated = 0;
    int unavailable = 0;
    int writtenAfter503 = 0;
    int noAnswer = 0;
    int other = 0;
    for (Attempt attempt : attempts) {
      int inTopic = attempt.eventId() == null ? 0 : copies.getOrDefault(attempt.eventId(), 0);
      if (attempt.acknowledged()) {
        acknowledged++;
        found += inTopic > 0 ? 1 : 0;
        duplicated += inTopic > 1 ? 1 : 0;
      } else if (attempt.unavailable()) {
        unavailable++;
        writtenAfter503 += inTopic > 0 ? 1 : 0;
      } else if (attempt.status() == IngestLoad.NO_ANSWER) {
        noAnswer++;
      } else {
        other++;
      }
    }
    long distinctAcknowledged =
        attempts.stream()
            .filter(Attempt::acknowledged)
            .map(Attempt::eventId)
            .filter(Objects::nonNull)
            .distinct()
            .count();
    if (distinctAcknowledged != acknowledged) {
      throw new IllegalStateException(
          "acknowledged eventIds are not unique: " + distinctAcknowledged + " of " + acknowledged);
    }
    List<List<ConsumerRecord<String, byte[]>>> sequences = sequences(attempts, firstCopy);
    return new DeliveryReport(
        attempts.size(),
        acknowledged,
        found,
        acknowledged - found,
        duplicated,
        sequences.size(),
        (int) sequences.stream().filter(records -> !inOrder(records)).count(),
        unavailable,
        writtenAfter503,
        noAnswer,
        other);
  }

  /** For each user with several acknowledged events in the topic: their records, in sent order. */
  private static List<List<ConsumerRecord<String, byte[]>>> sequences(
      List<Attempt> attempts, Map<String, ConsumerRecord<String, byte[]>> inTopic) {
    return attempts.stream()
        .filter(a -> a.acknowledged() && a.userId() != null && inTopic.containsKey(a.eventId()))
        .collect(Collectors.groupingBy(Attempt::userId))
        .values()
        .stream()
        .filter(events -> events.size() > 1)
        .map(
            events ->
                events.stream()
                    .sorted(Comparator.comparingInt(Attempt::sequence))
                    .map(a -> inTopic.get(a.eventId()))
                    .toList())
        .toList();
  }

  private static boolean inOrder(List<ConsumerRecord<String, byte[]>> records) {
    for (int i = 1; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> previous = records.get(i - 1);
      ConsumerRecord<String, byte[]> next = records.get(i);
      if (next.partition() != previous.partition() || next.offset() <= previous.offset()) {
        return false;
      }
    }
    return true;
  }

  /** The fraction of sent events that were not acknowledged. */
  double errorRate() {
    return sent == 0 ? 0 : (double) (sent - acknowledged) / sent;
  }

  String summary() {
    return String.format(
        "sent / acknowledged / found / lost / duplicated = %d / %d / %d / %d / %d;"
            + " users out of order: %d of %d with several events; 503: %d (of which written later"
            + " all the same: %d); no answer: %d; other status: %d; error rate %.2f%%",
        sent,
        acknowledged,
        found,
        lost,
        duplicated,
        outOfOrder,
        usersInSequence,
        unavailable,
        writtenAfter503,
        noAnswer,
        otherStatus,
        100 * errorRate());
  }
}
