package io.userevents.admin.topics;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.ExitCodes;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin topics plan}: shows what apply would change. */
@Command(
    name = "plan",
    description = {
      "Show the changes that would make the cluster match the file.",
      "Only per-topic overrides are compared, so broker defaults never show as drift.",
      "ACLs (acls: in the file) show as + acl / - acl lines; only the file's principals count."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:plan computed (with --detailed-exitcode: no changes)",
      "1:error, or a change was refused (e.g. fewer partitions)",
      "2:usage error; with --detailed-exitcode also: changes pending"
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin PlanOptions options;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when changes are pending (for CI drift checks).")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    common.requireOutput(OutputFormat.TABLE, OutputFormat.JSON);
    Planning.validate(options, common);
    CliContext context = CliContext.of(spec);
    try (Admin admin = common.clientSettings(context).admin()) {
      TopicsService service = new TopicsService(admin, common.timeout());
      Planning.Prepared prepared =
          Planning.prepare(
              options, context.env(), service, new AclService(admin, common.timeout()));
      TopicPlan plan = prepared.plan();
      AclPlan acls = prepared.acls();
      PlanRenderer.printNotes(plan, acls, prepared.notes(), spec.commandLine().getErr());
      if (common.output() == OutputFormat.JSON) {
        Json.print(
            spec.commandLine().getOut(),
            PlanRenderer.document("topics plan", options.file.toString(), plan, acls));
      } else {
        PlanRenderer.printText(plan, acls, options.file.toString(), spec.commandLine().getOut());
      }
      spec.commandLine().getOut().flush();
      if (plan.isRefused()) {
        spec.commandLine().getErr().println("error: the plan has refused changes (see above)");
        return ExitCodes.ERROR;
      }
      return detailedExitCode && prepared.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    }
  }
}
