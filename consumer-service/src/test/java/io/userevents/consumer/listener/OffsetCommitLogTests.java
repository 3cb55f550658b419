package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class OffsetCommitLogTests {

  private final OffsetCommitLog log = new OffsetCommitLog();

  @Test
  void aFailedCommitIsAWarningNamingItsPartitionsAndCauseWithoutAStackTrace(CapturedOutput output) {
    log.onComplete(
        Map.of(new TopicPartition("user-events", 2), new OffsetAndMetadata(41)),
        new StaleMemberEpochException("member epoch 7 is stale"));

    assertThat(output.getOut())
        .contains("WARN")
        .contains("Offset commit failed for [user-events-2]")
        .contains("StaleMemberEpochException: member epoch 7 is stale")
        .doesNotContain("\tat ");
  }

  @Test
  void aCommitThatSucceededIsNotLogged(CapturedOutput output) {
    log.onComplete(Map.of(new TopicPartition("user-events", 0), new OffsetAndMetadata(3)), null);

    assertThat(output.getOut()).doesNotContain("Offset commit");
  }
}
