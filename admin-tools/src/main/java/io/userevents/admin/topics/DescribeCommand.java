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
import org.apache.kafka.common.acl.AclBinding;
import org.jspecify.annotations.Nullable;
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
      "config with its source (topic, broker, default), and the ACLs (literal, prefixed and",
      "wildcard) that apply to the topic."
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

  @Option(names = "--skip-acls", description = "Do not list the ACLs that apply to each topic.")
  boolean skipAcls;

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
      Map<String, List<AclBinding>> acls =
          skipAcls ? Map.of() : acls(new AclService(admin, common.timeout()), wanted);
      PrintWriter out = spec.commandLine().getOut();
      if (common.output() == OutputFormat.JSON) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", "topics describe");
        document.put("topics", reports);
        Map<String, Object> aclDocument = new LinkedHashMap<>();
        acls.forEach(
            (topic, list) -> aclDocument.put(topic, list.stream().map(AclText::map).toList()));
        document.put("acls", aclDocument);
        Json.print(out, document);
      } else {
        reports.forEach(report -> print(report, acls.get(report.name()), out));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** ACLs per topic; none (with a note) when the cluster has no authorizer. */
  private Map<String, List<AclBinding>> acls(AclService service, List<String> topics) {
    Map<String, List<AclBinding>> acls = new LinkedHashMap<>();
    try {
      for (String topic : topics) {
        List<AclBinding> bindings = new ArrayList<>(service.ofTopic(topic));
        bindings.sort(AclPlanner.ORDER);
        acls.put(topic, bindings);
      }
    } catch (AclService.NoAuthorizerException e) {
      spec.commandLine().getErr().println("note: no ACLs listed: " + AclService.NO_AUTHORIZER);
      return Map.of();
    }
    return acls;
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

  private static void print(TopicReport report, @Nullable List<AclBinding> acls, PrintWriter out) {
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
    if (acls != null) {
      out.println();
      out.println(acls.isEmpty() ? "  ACLs: none" : "  ACLs:");
      acls.forEach(binding -> out.println("    " + AclText.of(binding)));
    }
    out.println();
  }

  private static String ids(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
