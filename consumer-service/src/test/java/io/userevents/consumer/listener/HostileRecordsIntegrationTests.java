package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.FaultReport;
import io.userevents.consumer.support.HostilePayloads;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Random bytes and crafted JSON published straight to the topic, between good events of the same
 * users: every hostile record is dead-lettered with a reason, none is applied, the good ones are,
 * and the listener keeps running.
 */
class HostileRecordsIntegrationTests extends ConsumerIntegrationTest {

  private static final Set<String> REASONS =
      Set.of(
          "MALFORMED_JSON",
          "INVALID_EVENT",
          "UNSUPPORTED_SCHEMA_VERSION",
          "PAYLOAD_TOO_LARGE",
          "EMPTY_VALUE");

  @Autowired private KafkaListenerEndpointRegistry registry;

  @Test
  void deadLettersEveryHostileRecordWithAReasonAndAppliesTheGoodOnesAroundThem() {
    List<String> users = new ArrayList<>();
    List<UserEvent> good = new ArrayList<>();
    Map<String, List<byte[]>> hostileByUser = new HashMap<>();
    long hostile = 0;
    for (int u = 0; u < 3; u++) {
      String userId = TestEvents.uniqueUserId("hostile-user-" + u);
      users.add(userId);
      List<byte[]> payloads = new ArrayList<>(HostilePayloads.json(userId));
      payloads.addAll(HostilePayloads.randomBytes(15, 42 + u));
      payloads.add(null);
      hostileByUser.put(userId, payloads);
      UserEvent first = TestEvents.created(userId, "good_user" + u);
      good.add(first);
      kafka.send(TOPIC, first);
      for (int i = 0; i < payloads.size(); i++) {
        kafka.send(TOPIC, userId, payloads.get(i));
        hostile++;
        if (i % 10 == 9) {
          UserEvent update = TestEvents.updated(userId, "good_user" + u + "_" + i);
          good.add(update);
          kafka.send(TOPIC, update);
        }
      }
      UserEvent last = TestEvents.updated(userId, "good_user" + u + "_last");
      good.add(last);
      kafka.send(TOPIC, last);
    }
    long sent = hostile + good.size();

    for (String userId : users) {
      UserEvent last =
          good.stream().filter(e -> e.userId().equals(userId)).reduce((a, b) -> b).orElseThrow();
      awaitUser(userId, last.eventId());
    }
    List<ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(PATIENCE)
            .until(
                () -> kafka.readAll(DLT).stream().filter(r -> users.contains(r.key())).toList(),
                list -> list.size() >= users.size() * (HostilePayloads.json("x").size() + 16));

    long goodApplied = good.stream().filter(e -> processedCount(e.eventId()) == 1).count();
    long hostileRecorded =
        jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id LIKE 'hostile-%'")
            .query(Long.class)
            .single();
    FaultReport report =
        new FaultReport(
                "hostile-records",
                sent,
                sent,
                goodApplied + dead.size(),
                goodApplied + dead.size() + hostileRecorded,
                "(good applied=%d, hostile dead-lettered=%d of %d, hostile applied=%d)"
                    .formatted(goodApplied, dead.size(), hostile, hostileRecorded))
            .print();
    assertThat(report.lost()).isZero();
    assertThat(report.duplicated()).isZero();
    assertThat(dead).hasSize((int) hostile);
    assertThat(goodApplied).isEqualTo(good.size());
    assertThat(hostileRecorded).isZero();
    assertThat(dead)
        .allSatisfy(r -> assertThat(header(r, DeadLetterRecoverer.REASON_HEADER)).isIn(REASONS));
    for (String userId : users) {
      List<byte[]> deadValues =
          dead.stream()
              .filter(r -> r.key().equals(userId))
              .sorted(
                  Comparator.comparingLong(r -> longHeader(r, KafkaHeaders.DLT_ORIGINAL_OFFSET)))
              .map(ConsumerRecord::value)
              .toList();
      List<byte[]> sentValues = hostileByUser.get(userId);
      assertThat(deadValues).hasSameSizeAs(sentValues);
      for (int i = 0; i < sentValues.size(); i++) {
        assertThat(deadValues.get(i))
            .as("dead letter %d of %s", i, userId)
            .isEqualTo(sentValues.get(i));
      }
    }
    assertThat(registry.getListenerContainer(UserEventsListener.LISTENER_ID).isRunning()).isTrue();
    assertThat(registry.getListenerContainer(UserEventsListener.LISTENER_ID).isInExpectedState())
        .isTrue();
  }
}
