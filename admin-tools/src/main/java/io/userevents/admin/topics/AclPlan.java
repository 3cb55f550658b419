package io.userevents.admin.topics;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/**
 * ACL drift: bindings to create, bindings to delete (only with --allow-delete, only of principals
 * the file declares) and bindings of those principals that are not in the file but left alone.
 */
record AclPlan(List<AclBinding> create, List<AclBinding> delete, List<AclBinding> leftAlone) {

  AclPlan {
    create = List.copyOf(create);
    delete = List.copyOf(delete);
    leftAlone = List.copyOf(leftAlone);
  }

  static AclPlan none() {
    return new AclPlan(List.of(), List.of(), List.of());
  }

  boolean hasChanges() {
    return !create.isEmpty() || !delete.isEmpty();
  }
}
