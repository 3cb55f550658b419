package io.userevents.admin.cluster;

import io.userevents.admin.cli.CheckCommand;
import io.userevents.admin.cli.CheckStatus;
import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import io.userevents.admin.cli.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin cluster health}: a Nagios-style check of the whole cluster. */
@Command(
    name = "health",
    description = {
      "Check brokers and partition health (Nagios exit codes).",
      "Shows brokers, controller, cluster id and counts of under-replicated, under-min-ISR",
      "and offline partitions, internal topics included."
    },
    exitCodeListHeading = "%nExit codes (Nagios):%n",
    exitCodeList = {
      "0:OK",
      "1:WARNING: under-replicated partitions, fewer brokers than --expected-brokers",
      "2:CRITICAL: offline or under-min-ISR partitions",
      "3:UNKNOWN: cluster unreachable or usage error"
    })
final class HealthCommand implements Callable<Integer>, CheckCommand {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--expected-brokers",
      paramLabel = "N",
      description = "WARNING when fewer than N brokers are up.")
  int expectedBrokers;

  @Override
  public Integer call() {
    common.requireOutput(OutputFormat.TABLE, OutputFormat.JSON);
    if (expectedBrokers < 0) {
      throw common.usage("--expected-brokers must not be negative");
    }
    ClusterHealth health;
    try (Admin admin = common.clientSettings(CliContext.of(spec)).admin()) {
      health = new ClusterHealthService(admin, common.timeout()).check(expectedBrokers);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (common.output() == OutputFormat.JSON) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("command", "cluster health");
      document.put("status", health.status());
      document.put("exitCode", health.status().exitCode());
      document.put("health", health);
      Json.print(out, document);
    } else {
      print(health, out);
    }
    out.flush();
    if (health.status() != CheckStatus.OK) {
      spec.commandLine()
          .getErr()
          .printf("%s: %s%n", health.status(), String.join("; ", health.reasons()));
    }
    return health.status().exitCode();
  }

  private static void print(ClusterHealth health, PrintWriter out) {
    out.printf(
        "Cluster: %s  Controller: %s  Brokers: %d%n",
        health.clusterId(),
        health.controllerId() == null ? "-" : health.controllerId(),
        health.brokers().size());
    Table brokers = new Table("BROKER", "HOST", "PORT", "RACK");
    health.brokers().forEach(b -> brokers.row(b.id(), b.host(), b.port(), b.rack()));
    brokers.print(out);
    out.println();
    out.printf(
        "Topics: %d  Partitions: %d  Under-replicated: %d  Under-min-ISR: %d  Offline: %d%n",
        health.topics(),
        health.partitions(),
        health.underReplicated(),
        health.underMinIsr(),
        health.offline());
    if (!health.problems().isEmpty()) {
      out.println();
      Table problems = new Table("TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "STATUS");
      health
          .problems()
          .forEach(
              p ->
                  problems.row(
                      p.topic(),
                      p.partition(),
                      p.leader() == null ? "none" : p.leader(),
                      join(p.replicas()),
                      join(p.isr()),
                      String.join(",", p.flags())));
      problems.print(out);
    }
    out.println();
    out.println(
        "Status: "
            + health.status()
            + (health.reasons().isEmpty() ? "" : " (" + String.join("; ", health.reasons()) + ")"));
  }

  private static String join(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
