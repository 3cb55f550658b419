package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclPlannerTests {

  private static AclBinding allow(String principal, String topic, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  private final AclBinding write = allow("User:producer", "events", AclOperation.WRITE);
  private final AclBinding read = allow("User:producer", "events", AclOperation.READ);
  private final AclBinding others = allow("User:someone-else", "events", AclOperation.ALL);

  @Test
  void createsMissingBindingsAndNothingWhenTheClusterMatches() {
    assertThat(AclPlanner.plan(List.of(write), List.of(), false).create()).containsExactly(write);
    assertThat(AclPlanner.plan(List.of(write), List.of(write), false).hasChanges()).isFalse();
  }

  @Test
  void leavesExtraBindingsOfDeclaredPrincipalsAloneWithoutAllowDelete() {
    AclPlan plan = AclPlanner.plan(List.of(write), List.of(write, read), false);

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.leftAlone()).containsExactly(read);
  }

  @Test
  void deletesExtraBindingsOfDeclaredPrincipalsOnlyWithAllowDelete() {
    AclPlan plan = AclPlanner.plan(List.of(write), List.of(write, read), true);

    assertThat(plan.delete()).containsExactly(read);
    assertThat(plan.leftAlone()).isEmpty();
  }

  @Test
  void neverTouchesPrincipalsTheFileDoesNotDeclare() {
    AclPlan plan = AclPlanner.plan(List.of(write), List.of(write, others), true);

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.leftAlone()).isEmpty();
  }
}
