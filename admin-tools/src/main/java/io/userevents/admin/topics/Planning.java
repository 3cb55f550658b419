package io.userevents.admin.topics;

import io.userevents.admin.cli.CommonOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Loads topics.yaml, reads the cluster and plans; shared by plan and apply. */
final class Planning {

  record Prepared(TopicPlan plan, AclPlan acls, List<String> notes) {

    boolean hasChanges() {
      return plan.hasChanges() || acls.hasChanges();
    }
  }

  private Planning() {}

  static void validate(PlanOptions options, CommonOptions common) {
    if (!options.managedPrefixes.isEmpty() && !options.allowDelete) {
      throw common.usage("--managed-prefix only makes sense with --allow-delete");
    }
    if (options.replicationFactorOverride != null && options.replicationFactorOverride < 1) {
      throw common.usage("--replication-factor-override must be at least 1");
    }
  }

  static DesiredState load(PlanOptions options, Map<String, String> env, List<String> notes) {
    DesiredState desired = new TopicsFile(env).load(options.file);
    if (options.replicationFactorOverride != null) {
      DesiredState.Overridden overridden =
          desired.overrideReplicationFactor(options.replicationFactorOverride);
      notes.addAll(overridden.notes());
      desired = overridden.state();
    }
    return desired;
  }

  static Prepared prepare(
      PlanOptions options, Map<String, String> env, TopicsService service, AclService aclService) {
    List<String> notes = new ArrayList<>();
    DesiredState desired = load(options, env, notes);
    Set<String> existing = service.topicNames();
    Set<String> relevant = new TreeSet<>();
    desired.topics().stream()
        .map(TopicSpec::name)
        .filter(existing::contains)
        .forEach(relevant::add);
    Map<String, TopicState> actual = new TreeMap<>(service.state(relevant));
    // Topics not in the file matter only by name (delete or "left alone").
    for (String name : existing) {
      actual.putIfAbsent(name, new TopicState(name, 0, 0, Map.of()));
    }
    TopicPlanner.Options plannerOptions =
        new TopicPlanner.Options(
            options.allowDelete, options.managedPrefixes, service.brokerCount());
    TopicPlan plan = TopicPlanner.plan(desired, actual, plannerOptions);
    return new Prepared(plan, planAcls(options, desired, aclService, notes), notes);
  }

  private static AclPlan planAcls(
      PlanOptions options, DesiredState desired, AclService aclService, List<String> notes) {
    if (desired.acls().isEmpty()) {
      return AclPlan.none();
    }
    if (options.skipAcls) {
      notes.add(desired.acls().size() + " ACL(s) in the file were not checked (--skip-acls)");
      return AclPlan.none();
    }
    return AclPlanner.plan(desired.acls(), aclService.all(), options.allowDelete);
  }
}
