package io.userevents.admin.topics;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.ExitCodes;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import io.userevents.admin.cli.Table;
import io.userevents.admin.topics.TopicReport.ConfigValue;
import io.userevents.admin.topics.TopicReport.PartitionReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-admin topics describe}: partitions, replicas, ISR, health flags, configs. */
@Command(
    name = "describe",
    description = {
      "Show partitions, replicas, ISR, health flags and effective configs.",
      "Flags under-replicated, under-min-ISR and offline partitions; lists every effective",
      "config with its source (topic, broker, default)."
    })
final class DescribeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "TOPIC", arity = "0..*", description = "Topics (default: all but __*).")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--overrides-only",
      description = "List only per-topic config overrides, not every effective config.")
  boolean overridesOnly;

  @Override
  public Integer call() {
    common.requireOutput(OutputFormat.TABLE, OutputFormat.JSON);
    try (Admin admin = common.clientSettings(CliContext.of(spec)).admin()) {
      TopicsService service = new TopicsService(admin, common.timeout());
      Set<String> existing = service.topicNames();
      List<String> wanted = topics.isEmpty() ? new ArrayList<>(existing) : topics;
      List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
      if (!missing.isEmpty()) {
        throw new CliException("no such topic: " + String.join(", ", missing));
      }
      List<TopicReport> reports = new TopicDescriber(service).describe(wanted);
      if (overridesOnly) {
        reports = reports.stream().map(DescribeCommand::overridesOnly).toList();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (common.output() == OutputFormat.JSON) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", "topics describe");
        document.put("topics", reports);
        Json.print(out, document);
      } else {
        reports.forEach(report -> print(report, out));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static TopicReport overridesOnly(TopicReport report) {
    return new TopicReport(
        report.name(),
        report.topicId(),
        report.partitionCount(),
        report.replicationFactor(),
        report.minInsyncReplicas(),
        report.partitions(),
        report.configs().stream().filter(c -> c.source().equals("topic")).toList());
  }

  private static void print(TopicReport report, PrintWriter out) {
    long unhealthy = report.partitions().stream().filter(p -> !p.flags().isEmpty()).count();
    out.printf(
        "Topic: %s  TopicId: %s  PartitionCount: %d  ReplicationFactor: %d"
            + "  min.insync.replicas: %d  UnhealthyPartitions: %d%n",
        report.name(),
        report.topicId(),
        report.partitionCount(),
        report.replicationFactor(),
        report.minInsyncReplicas(),
        unhealthy);
    Table partitions = new Table("  PARTITION", "LEADER", "REPLICAS", "ISR", "STATUS");
    for (PartitionReport partition : report.partitions()) {
      partitions.row(
          "  " + partition.partition(),
          partition.leader() == null ? "none" : partition.leader(),
          ids(partition.replicas()),
          ids(partition.isr()),
          partition.flags().isEmpty() ? "OK" : String.join(",", partition.flags()));
    }
    partitions.print(out);
    Table configs = new Table("  CONFIG", "VALUE", "SOURCE");
    for (ConfigValue config : report.configs()) {
      configs.row("  " + config.name(), config.value(), config.source());
    }
    if (!configs.isEmpty()) {
      out.println();
      configs.print(out);
    }
    out.println();
  }

  private static String ids(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
