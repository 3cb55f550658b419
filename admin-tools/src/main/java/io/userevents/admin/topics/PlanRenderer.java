package io.userevents.admin.topics;

import io.userevents.admin.topics.TopicChange.AddPartitions;
import io.userevents.admin.topics.TopicChange.AlterConfigs;
import io.userevents.admin.topics.TopicChange.ConfigChange;
import io.userevents.admin.topics.TopicChange.CreateTopic;
import io.userevents.admin.topics.TopicChange.DeleteTopic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a plan as a diff for people, or as JSON maps for machines. */
final class PlanRenderer {

  private PlanRenderer() {}

  static void printText(TopicPlan plan, AclPlan acls, String file, PrintWriter out) {
    if (!plan.hasChanges() && !acls.hasChanges()) {
      out.println(
          plan.isRefused()
              ? "No applicable changes (see the refused ones on stderr)."
              : "No changes. The cluster matches " + file + ".");
      return;
    }
    for (TopicChange change : plan.changes()) {
      if (change instanceof CreateTopic create) {
        TopicSpec spec = create.spec();
        out.printf(
            "+ create %s (partitions %d, replication factor %s)%n",
            spec.name(),
            spec.partitions(),
            spec.replicationFactor() == null ? "broker default" : spec.replicationFactor());
        spec.configs().forEach((k, v) -> out.printf("    + %s = %s%n", k, v));
      } else if (change instanceof AddPartitions add) {
        out.printf("~ partitions %s: %d -> %d%n", add.topic(), add.from(), add.to());
      } else if (change instanceof AlterConfigs alter) {
        out.printf("~ configs %s%n", alter.topic());
        for (ConfigChange config : alter.configs()) {
          if (config.current() == null) {
            out.printf("    + %s = %s%n", config.name(), config.desired());
          } else if (config.desired() == null) {
            out.printf(
                "    - %s = %s (override removed; the broker default applies)%n",
                config.name(), config.current());
          } else {
            out.printf("    ~ %s = %s -> %s%n", config.name(), config.current(), config.desired());
          }
        }
      } else if (change instanceof DeleteTopic delete) {
        out.printf("- delete %s%n", delete.topic());
      }
    }
    acls.create().forEach(binding -> out.printf("+ acl %s%n", AclText.of(binding)));
    acls.delete().forEach(binding -> out.printf("- acl %s%n", AclText.of(binding)));
    out.println();
    out.printf(
        "Plan: %d to create, %d to add partitions, %d to alter configs, %d to delete.%n",
        plan.count(CreateTopic.class),
        plan.count(AddPartitions.class),
        plan.count(AlterConfigs.class),
        plan.count(DeleteTopic.class));
    if (acls.hasChanges()) {
      out.printf("ACLs: %d to add, %d to delete.%n", acls.create().size(), acls.delete().size());
    }
    if (plan.isRefused()) {
      out.printf(
          "Refused: %d (see stderr); apply makes no change until they are resolved.%n",
          plan.refusals().size());
    }
  }

  static void printNotes(TopicPlan plan, AclPlan acls, List<String> notes, PrintWriter err) {
    notes.forEach(note -> err.println("note: " + note));
    if (!acls.leftAlone().isEmpty()) {
      err.printf(
          "note: %d ACL(s) of the file's principals are not in the file and were left alone"
              + " (--allow-delete deletes them):%n",
          acls.leftAlone().size());
      acls.leftAlone().forEach(binding -> err.println("    " + AclText.of(binding)));
    }
    plan.warnings().forEach(warning -> err.println("warning: " + warning));
    plan.refusals().forEach(refusal -> err.println("refused: " + refusal));
    if (!plan.unmanaged().isEmpty()) {
      err.printf(
          "note: %d existing topic(s) not in the file were left alone: %s"
              + " (--allow-delete deletes them)%n",
          plan.unmanaged().size(), String.join(", ", plan.unmanaged()));
    }
    err.flush();
  }

  static Map<String, Object> document(String command, String file, TopicPlan plan, AclPlan acls) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("command", command);
    document.put("file", file);
    document.put("changesPending", plan.hasChanges() || acls.hasChanges());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("create", plan.count(CreateTopic.class));
    summary.put("addPartitions", plan.count(AddPartitions.class));
    summary.put("alterConfigs", plan.count(AlterConfigs.class));
    summary.put("delete", plan.count(DeleteTopic.class));
    document.put("summary", summary);
    List<Map<String, Object>> changes = new ArrayList<>();
    plan.changes().forEach(change -> changes.add(change(change)));
    document.put("changes", changes);
    document.put("warnings", plan.warnings());
    document.put("refusals", plan.refusals());
    document.put("unmanagedTopics", plan.unmanaged());
    Map<String, Object> aclChanges = new LinkedHashMap<>();
    aclChanges.put("create", acls.create().stream().map(AclText::map).toList());
    aclChanges.put("delete", acls.delete().stream().map(AclText::map).toList());
    aclChanges.put("leftAlone", acls.leftAlone().stream().map(AclText::map).toList());
    document.put("acls", aclChanges);
    return document;
  }

  static Map<String, Object> change(TopicChange change) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("action", action(change));
    map.put("topic", change.topic());
    if (change instanceof CreateTopic create) {
      map.put("partitions", create.spec().partitions());
      map.put("replicationFactor", create.spec().replicationFactor());
      map.put("configs", create.spec().configs());
    } else if (change instanceof AddPartitions add) {
      map.put("from", add.from());
      map.put("to", add.to());
    } else if (change instanceof AlterConfigs alter) {
      map.put("configs", alter.configs());
    }
    return map;
  }

  static String action(TopicChange change) {
    if (change instanceof CreateTopic) {
      return "create";
    } else if (change instanceof AddPartitions) {
      return "add-partitions";
    } else if (change instanceof AlterConfigs) {
      return "alter-configs";
    }
    return "delete";
  }
}
