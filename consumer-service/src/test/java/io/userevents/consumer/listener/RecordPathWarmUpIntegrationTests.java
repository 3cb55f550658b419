package io.userevents.consumer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.support.ConsumerApp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Before it reports ready, an instance takes one probe event along the record path, and that event
 * leaves nothing behind: no row, no processed event id, no count in the listener's metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordPathWarmUpIntegrationTests extends ConsumerIntegrationTest {

  private final String id = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void warmsUpTheRecordPathAtStartUpWithoutLeavingATrace(CapturedOutput output) {
    kafka.createTopics("warm-" + id, "warm-" + id + "-dlt");
    try (ConsumerApp app =
        ConsumerApp.start(
            Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.datasource.url", "jdbc:h2:mem:warm-" + id + ";DB_CLOSE_DELAY=-1",
                "spring.kafka.consumer.group-id", "warm-" + id,
                "userevents.consumer.topic", "warm-" + id,
                "userevents.consumer.dead-letter-topic", "warm-" + id + "-dlt"))) {
      assertThat(output).contains("Record path warmed up in");
      assertThat(ProjectionTestAccess.probeRows(app.faults().getTargetDataSource())).isZero();
      assertThat(app.total("applied")).isZero();
    }
  }
}
