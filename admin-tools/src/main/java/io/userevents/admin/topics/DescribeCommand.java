package io.userevents.admin.topics;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.ExitCodes;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-admin topics describe}: partitions, replicas, ISR, health flags, configs, ACLs. */
@Command(
    name = "describe",
    description = {
      "Show partitions, replicas, ISR, health flags and effective configs.",
      "Flags under-replicated, under-min-ISR and offline partitions; lists every effective",
      "config with its source (topic, broker, default), and the ACLs (literal, prefixed and",
      "wildcard) that apply to the topic; then the ACLs on groups, the cluster, transactional",
      "ids and other resources that are not topics. Every principal's ACLs (no file is read)."
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

  @Option(names = "--skip-acls", description = "Do not list ACLs.")
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
      AclListing acls = skipAcls ? null : acls(new AclService(admin, common.timeout()), wanted);
      PrintWriter out = spec.commandLine().getOut();
      if (common.output() == OutputFormat.JSON) {
        Json.print(out, DescribeRenderer.document(reports, acls));
      } else {
        DescribeRenderer.printText(reports, acls, out);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * The ACLs of each topic and those not on a topic; null (with a note) when the cluster has no
   * authorizer.
   */
  private @Nullable AclListing acls(AclService service, List<String> topics) {
    try {
      return service.listing(topics);
    } catch (AclService.NoAuthorizerException e) {
      spec.commandLine().getErr().println("note: no ACLs listed: " + AclService.NO_AUTHORIZER);
      return null;
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
}
