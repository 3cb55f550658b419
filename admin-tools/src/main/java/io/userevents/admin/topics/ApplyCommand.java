package io.userevents.admin.topics;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.ExitCodes;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin topics apply}: makes the cluster match the file. */
@Command(
    name = "apply",
    description = {
      "Make the cluster match the file.",
      "Creates topics, adds partitions and sets or removes config overrides.",
      "Never decreases partitions, deletes only with --allow-delete, never touches __* topics.",
      "Adds the file's ACLs; with --allow-delete removes ACLs of the file's principals that the",
      "file does not list (never those of other principals).",
      "Re-applying an applied file changes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied (or nothing to do)",
      "1:error, a change failed, or the plan has refused changes (then nothing is applied)",
      "2:usage error"
    })
final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin PlanOptions options;

  @Option(names = "--dry-run", description = "Only show the plan; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    common.requireOutput(OutputFormat.TABLE, OutputFormat.JSON);
    Planning.validate(options, common);
    CliContext context = CliContext.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json = common.output() == OutputFormat.JSON;
    try (Admin admin = common.clientSettings(context).admin()) {
      TopicsService service = new TopicsService(admin, common.timeout());
      Planning.Prepared prepared =
          Planning.prepare(
              options, context.env(), service, new AclService(admin, common.timeout()));
      TopicPlan plan = prepared.plan();
      AclPlan acls = prepared.acls();
      PlanRenderer.printNotes(plan, acls, prepared.notes(), err);
      String file = options.file.toString();
      if (plan.isRefused() || dryRun || !prepared.hasChanges()) {
        if (json) {
          Map<String, Object> document = PlanRenderer.document("topics apply", file, plan, acls);
          document.put("dryRun", dryRun);
          document.put("applied", List.of());
          Json.print(out, document);
        } else {
          PlanRenderer.printText(plan, acls, file, out);
        }
        out.flush();
        if (plan.isRefused()) {
          err.println("error: the plan has refused changes; nothing was applied");
          return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
      }
      if (!json) {
        PlanRenderer.printText(plan, acls, file, out);
        out.println();
      }
      List<ApplyOutcome> outcomes = service.apply(plan);
      List<AclOutcome> aclOutcomes = new AclService(admin, common.timeout()).apply(acls);
      long failed =
          outcomes.stream().filter(o -> !o.succeeded()).count()
              + aclOutcomes.stream().filter(o -> !o.succeeded()).count();
      long made = outcomes.size() + aclOutcomes.size() - failed;
      if (json) {
        Map<String, Object> document = PlanRenderer.document("topics apply", file, plan, acls);
        document.put("dryRun", false);
        document.put("applied", applied(outcomes, aclOutcomes));
        Json.print(out, document);
      } else {
        print(outcomes, aclOutcomes, out);
        out.printf("Apply complete: %d change(s) made, %d failed.%n", made, failed);
      }
      out.flush();
      if (failed > 0) {
        err.printf("error: %d change(s) failed (see above)%n", failed);
        return ExitCodes.ERROR;
      }
      return ExitCodes.OK;
    }
  }

  private static List<Map<String, Object>> applied(
      List<ApplyOutcome> outcomes, List<AclOutcome> aclOutcomes) {
    List<Map<String, Object>> applied = new ArrayList<>();
    for (ApplyOutcome outcome : outcomes) {
      Map<String, Object> entry = PlanRenderer.change(outcome.change());
      entry.put("ok", outcome.succeeded());
      entry.put("error", outcome.error());
      applied.add(entry);
    }
    for (AclOutcome outcome : aclOutcomes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("action", outcome.action() + "-acl");
      entry.put("acl", AclText.map(outcome.binding()));
      entry.put("ok", outcome.succeeded());
      entry.put("error", outcome.error());
      applied.add(entry);
    }
    return applied;
  }

  private static void print(
      List<ApplyOutcome> outcomes, List<AclOutcome> aclOutcomes, PrintWriter out) {
    for (ApplyOutcome outcome : outcomes) {
      String action = PlanRenderer.action(outcome.change());
      if (outcome.succeeded()) {
        out.printf("ok      %s %s%n", action, outcome.change().topic());
      } else {
        out.printf("FAILED  %s %s: %s%n", action, outcome.change().topic(), outcome.error());
      }
    }
    for (AclOutcome outcome : aclOutcomes) {
      String what = outcome.action() + " acl " + AclText.of(outcome.binding());
      if (outcome.succeeded()) {
        out.printf("ok      %s%n", what);
      } else {
        out.printf("FAILED  %s: %s%n", what, outcome.error());
      }
    }
  }
}
