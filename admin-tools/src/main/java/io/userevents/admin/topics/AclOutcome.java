package io.userevents.admin.topics;

import org.apache.kafka.common.acl.AclBinding;
import org.jspecify.annotations.Nullable;

/** What happened to one ACL change: {@code error == null} means it was made. */
record AclOutcome(String action, AclBinding binding, @Nullable String error) {

  boolean succeeded() {
    return error == null;
  }
}
