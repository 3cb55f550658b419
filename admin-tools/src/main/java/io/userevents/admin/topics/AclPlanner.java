package io.userevents.admin.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Compares desired and actual ACLs. Pure: the cluster's ACLs of principals the file does not
 * declare are never looked at, so a plan can never touch another team's (or a super user's) ACLs.
 */
final class AclPlanner {

  static final Comparator<AclBinding> ORDER =
      Comparator.comparing((AclBinding b) -> b.entry().principal())
          .thenComparing(b -> b.pattern().resourceType())
          .thenComparing(b -> b.pattern().name())
          .thenComparing(b -> b.pattern().patternType())
          .thenComparing(b -> b.entry().operation())
          .thenComparing(b -> b.entry().permissionType())
          .thenComparing(b -> b.entry().host());

  private AclPlanner() {}

  static AclPlan plan(
      List<AclBinding> desired, Collection<AclBinding> actual, boolean allowDelete) {
    Set<String> principals =
        desired.stream().map(b -> b.entry().principal()).collect(Collectors.toSet());
    Set<AclBinding> wanted = new LinkedHashSet<>(desired);
    Set<AclBinding> present = new LinkedHashSet<>(actual);
    List<AclBinding> create = new ArrayList<>();
    for (AclBinding binding : wanted) {
      if (!present.contains(binding)) {
        create.add(binding);
      }
    }
    List<AclBinding> extra =
        present.stream()
            .filter(b -> principals.contains(b.entry().principal()))
            .filter(b -> !wanted.contains(b))
            .sorted(ORDER)
            .toList();
    create.sort(ORDER);
    return allowDelete
        ? new AclPlan(create, extra, List.of())
        : new AclPlan(create, List.of(), extra);
  }
}
