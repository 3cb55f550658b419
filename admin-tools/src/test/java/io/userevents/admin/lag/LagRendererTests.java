package io.userevents.admin.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.admin.lag.PartitionLag.PartitionState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagRendererTests {

  private static final GroupLag GROUP =
      new GroupLag(
          "pay\"ments\\eu",
          "STABLE",
          1,
          List.of(
              new PartitionLag(
                  "pay\"ments\\eu",
                  "t",
                  0,
                  4L,
                  10L,
                  6L,
                  1_500L,
                  "c-1",
                  "/10.0.0.1",
                  "app",
                  PartitionState.OK,
                  null),
              new PartitionLag(
                  "pay\"ments\\eu",
                  "t",
                  1,
                  null,
                  7L,
                  null,
                  null,
                  "c-1",
                  "/10.0.0.1",
                  "app",
                  PartitionState.NO_COMMIT,
                  "no committed offset")),
          null);

  @Test
  void prometheusEscapesLabelsAndLeavesOutUnknownSamples() {
    StringWriter text = new StringWriter();
    LagRenderer.prometheus(LagReport.of(List.of(GROUP), LagThresholds.NONE), new PrintWriter(text));

    String labels = "group=\"pay\\\"ments\\\\eu\",topic=\"t\",partition=\"";
    assertThat(text.toString())
        .contains("kafka_admin_consumergroup_lag{" + labels + "0\"} 6\n")
        .contains("kafka_admin_consumergroup_lag_seconds{" + labels + "0\"} 1.500\n")
        .contains("kafka_admin_consumergroup_log_end_offset{" + labels + "1\"} 7\n")
        .doesNotContain("kafka_admin_consumergroup_lag{" + labels + "1\"}")
        .doesNotContain("kafka_admin_consumergroup_current_offset{" + labels + "1\"}")
        .contains("kafka_admin_consumergroup_members{group=\"pay\\\"ments\\\\eu\"} 1\n")
        .contains("kafka_admin_lag_check_status 0\n");
  }

  @Test
  void tablePrintsDashesForMissingValuesAndTheVerdict() {
    StringWriter text = new StringWriter();
    LagRenderer.table(
        LagReport.of(List.of(GROUP), new LagThresholds(5L, null, null, null)),
        new PrintWriter(text));

    assertThat(text.toString())
        .containsPattern("t\\s+1\\s+-\\s+7\\s+-\\s+-\\s+c-1\\s+/10.0.0.1\\s+app\\s+NO_COMMIT")
        .containsPattern("t\\s+0\\s+4\\s+10\\s+6\\s+1.5\\s+c-1")
        .contains("total lag 6, max lag-seconds 1.5 -> WARNING")
        .endsWith("LAG WARNING" + System.lineSeparator());
  }
}
