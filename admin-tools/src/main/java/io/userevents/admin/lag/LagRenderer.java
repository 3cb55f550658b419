package io.userevents.admin.lag;

import io.userevents.admin.cli.CheckStatus;
import io.userevents.admin.cli.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Table, JSON and Prometheus text renderings of a {@link LagReport}. */
final class LagRenderer {

  static final String PREFIX = "kafka_admin_consumergroup_";

  private LagRenderer() {}

  static void table(LagReport report, PrintWriter out) {
    Table table =
        new Table(
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "LAG-SECONDS",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID",
            "STATE");
    for (GroupLag group : report.groups()) {
      for (PartitionLag p : group.partitions()) {
        table.row(
            p.group(),
            p.topic(),
            p.partition(),
            p.currentOffset(),
            p.logEndOffset(),
            p.lag(),
            seconds(p.lagSeconds()),
            p.consumerId(),
            p.host(),
            p.clientId(),
            p.state());
      }
    }
    if (!table.isEmpty()) {
      table.print(out);
      out.println();
    }
    for (GroupLag group : report.groups()) {
      CheckStatus status = LagCheck.evaluate(group, report.thresholds());
      if (group.error() != null) {
        out.printf("Group %s: %s, %s -> %s%n", group.group(), group.state(), group.error(), status);
        continue;
      }
      out.printf(
          "Group %s: %s, %d member(s), %d partition(s), total lag %d, max lag-seconds %s -> %s%n",
          group.group(),
          group.state(),
          group.members(),
          group.partitions().size(),
          totalLag(group),
          seconds(maxLagSeconds(group)),
          status);
    }
    out.println("LAG " + report.status());
  }

  static Map<String, Object> json(LagReport report) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("command", "lag");
    document.put("status", report.status());
    document.put("exitCode", report.status().exitCode());
    document.put("thresholds", report.thresholds());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (GroupLag group : report.groups()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("group", group.group());
      g.put("state", group.state());
      g.put("status", LagCheck.evaluate(group, report.thresholds()));
      g.put("members", group.members());
      g.put("totalLag", totalLag(group));
      g.put("maxLagSeconds", maxLagSeconds(group));
      g.put("error", group.error());
      List<Map<String, Object>> partitions = new ArrayList<>();
      for (PartitionLag p : group.partitions()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", p.topic());
        row.put("partition", p.partition());
        row.put("currentOffset", p.currentOffset());
        row.put("logEndOffset", p.logEndOffset());
        row.put("lag", p.lag());
        row.put("lagSeconds", p.lagSeconds());
        row.put("consumerId", p.consumerId());
        row.put("host", p.host());
        row.put("clientId", p.clientId());
        row.put("state", p.state());
        row.put("status", LagCheck.evaluate(p, report.thresholds()));
        row.put("detail", p.detail());
        partitions.add(row);
      }
      g.put("partitions", partitions);
      groups.add(g);
    }
    document.put("groups", groups);
    return document;
  }

  /** Prometheus text exposition format 0.0.4; a sample is left out when its value is unknown. */
  static void prometheus(LagReport report, PrintWriter out) {
    Gauge lag = new Gauge(PREFIX + "lag", "Records behind: log end offset minus committed offset.");
    Gauge lagSeconds =
        new Gauge(
            PREFIX + "lag_seconds",
            "Now minus the timestamp of the record at the committed offset.");
    Gauge current = new Gauge(PREFIX + "current_offset", "Committed offset of the group.");
    Gauge logEnd = new Gauge(PREFIX + "log_end_offset", "Log end offset of the partition.");
    Gauge members = new Gauge(PREFIX + "members", "Members of the group.");
    Gauge state = new Gauge(PREFIX + "state", "1 for the group's current state.");
    Gauge status =
        new Gauge(
            PREFIX + "status",
            "Check result of the group: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
    for (GroupLag group : report.groups()) {
      String g = label("group", group.group());
      members.sample(g, group.members());
      state.sample(g + "," + label("state", group.state()), 1);
      status.sample(g, LagCheck.evaluate(group, report.thresholds()).exitCode());
      for (PartitionLag p : group.partitions()) {
        String labels = partitionLabels(p.group(), p.topic(), p.partition());
        lag.sample(labels, p.lag());
        lagSeconds.sample(labels, p.lagSeconds());
        current.sample(labels, p.currentOffset());
        logEnd.sample(labels, p.logEndOffset());
      }
    }
    for (Gauge metric : List.of(lag, lagSeconds, current, logEnd, members, state, status)) {
      metric.print(out);
    }
    Gauge check =
        new Gauge(
            "kafka_admin_lag_check_status",
            "Overall result: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
    check.sample("", report.status().exitCode());
    check.print(out);
  }

  static long totalLag(GroupLag group) {
    return group.partitions().stream()
        .filter(p -> p.lag() != null)
        .mapToLong(p -> Math.max(0, p.lag()))
        .sum();
  }

  static @Nullable Double maxLagSeconds(GroupLag group) {
    return group.partitions().stream()
        .map(PartitionLag::lagSeconds)
        .filter(Objects::nonNull)
        .max(Double::compare)
        .orElse(null);
  }

  static @Nullable String seconds(@Nullable Double seconds) {
    return seconds == null ? null : String.format(Locale.ROOT, "%.1f", seconds);
  }

  static String partitionLabels(String group, String topic, int partition) {
    return label("group", group)
        + ","
        + label("topic", topic)
        + ","
        + label("partition", String.valueOf(partition));
  }

  static String label(String name, String value) {
    String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return name + "=\"" + escaped + "\"";
  }
}
