package io.userevents.admin.lag;

import io.userevents.admin.cli.CheckCommand;
import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin lag}: consumer lag in records and seconds, with Nagios exit codes. */
@Command(
    name = "lag",
    description = {
      "Consumer group lag in records and seconds (Nagios exit codes).",
      "CURRENT-OFFSET, LOG-END-OFFSET and LAG mean what they mean in",
      "kafka-consumer-groups.sh --describe. LAG-SECONDS is now minus the timestamp",
      "of the record at the committed offset (0 when caught up)."
    },
    exitCodeListHeading = "%nExit codes (Nagios):%n",
    exitCodeList = {
      "0:OK",
      "1:WARNING: a partition is above --warn-lag or --warn-seconds",
      "2:CRITICAL: a partition is above --crit-lag or --crit-seconds",
      "3:UNKNOWN: a group or offset could not be read, or a usage error"
    })
public final class LagCommand implements Callable<Integer>, CheckCommand {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @ArgGroup(multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Option(
        names = {"-g", "--group"},
        paramLabel = "GROUP",
        required = true,
        description = "Consumer group (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", required = true, description = "Every consumer group.")
    boolean all;
  }

  @Option(names = "--warn-lag", paramLabel = "RECORDS", description = "WARNING above this lag.")
  @Nullable Long warnLag;

  @Option(names = "--crit-lag", paramLabel = "RECORDS", description = "CRITICAL above this lag.")
  @Nullable Long critLag;

  @Option(
      names = "--warn-seconds",
      paramLabel = "SECONDS",
      description = "WARNING above this time lag.")
  @Nullable Long warnSeconds;

  @Option(
      names = "--crit-seconds",
      paramLabel = "SECONDS",
      description = "CRITICAL above this time lag.")
  @Nullable Long critSeconds;

  @Override
  public Integer call() {
    LagThresholds thresholds = thresholds();
    CliContext context = CliContext.of(spec);
    ClientSettings settings = common.clientSettings(context);
    LagReport report;
    try (Admin admin = settings.admin();
        Consumer<byte[], byte[]> reader = settings.consumer(null)) {
      LagService service = new LagService(admin, reader, context.clock(), common.timeout());
      List<String> groups = selection.all ? service.allGroups() : selection.groups;
      report = LagReport.of(service.lag(groups), thresholds);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (common.output()) {
      case JSON -> Json.print(out, LagRenderer.json(report));
      case PROMETHEUS -> LagRenderer.prometheus(report, out);
      default -> LagRenderer.table(report, out);
    }
    out.flush();
    for (GroupLag group : report.groups()) {
      if (group.error() != null) {
        spec.commandLine().getErr().printf("UNKNOWN: %s%n", group.error());
      }
    }
    spec.commandLine().getErr().flush();
    return report.status().exitCode();
  }

  LagThresholds thresholds() {
    check("--warn-lag", warnLag);
    check("--crit-lag", critLag);
    check("--warn-seconds", warnSeconds);
    check("--crit-seconds", critSeconds);
    if (warnLag != null && critLag != null && warnLag > critLag) {
      throw common.usage("--warn-lag " + warnLag + " is above --crit-lag " + critLag);
    }
    if (warnSeconds != null && critSeconds != null && warnSeconds > critSeconds) {
      throw common.usage(
          "--warn-seconds " + warnSeconds + " is above --crit-seconds " + critSeconds);
    }
    return new LagThresholds(warnLag, critLag, warnSeconds, critSeconds);
  }

  private void check(String option, @Nullable Long value) {
    if (value != null && value < 0) {
      throw common.usage(option + " must not be negative");
    }
  }
}
