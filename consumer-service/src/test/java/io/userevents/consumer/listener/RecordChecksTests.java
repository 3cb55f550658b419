package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordChecksTests {

  @Test
  void acceptsARecordHoldingAnEvent() {
    UserEvent event = TestEvents.created("u1", "alice");

    assertThat(RecordChecks.check(new ConsumerRecord<>("t", 0, 0, "u1", event))).isNull();
  }

  @Test
  void rejectsARecordWithoutValueAsEmpty() {
    RejectedRecordException rejected =
        RecordChecks.check(new ConsumerRecord<>("t", 0, 0, "u1", null));

    assertThat(rejected.reason()).isEqualTo(DeadLetterReason.EMPTY_VALUE);
  }
}
