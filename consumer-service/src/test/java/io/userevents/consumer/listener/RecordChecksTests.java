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

  @Test
  void rejectsIdsWithUnpairedSurrogates() {
    UserEvent event = TestEvents.created("user-\ud800", "alice");

    RejectedRecordException rejected =
        RecordChecks.check(new ConsumerRecord<>("t", 0, 0, "u1", event));

    assertThat(rejected.reason()).isEqualTo(DeadLetterReason.INVALID_EVENT);
    assertThat(rejected.field()).isEqualTo("userId");
  }

  @Test
  void tellsPairedFromUnpairedSurrogates() {
    assertThat(RecordChecks.hasLoneSurrogate("emoji-\ud83d\ude00")).isFalse();
    assertThat(RecordChecks.hasLoneSurrogate("\ude00x")).isTrue();
    assertThat(RecordChecks.hasLoneSurrogate("x\ud83d")).isTrue();
  }
}
