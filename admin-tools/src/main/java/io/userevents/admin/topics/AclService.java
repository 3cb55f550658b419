package io.userevents.admin.topics;

import io.userevents.admin.cli.CliException;
import io.userevents.admin.cli.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;

/** Reads and changes ACLs. Never prints. */
final class AclService {

  static final String NO_AUTHORIZER =
      "the cluster has no authorizer (authorizer.class.name is not set), so it keeps no ACLs;"
          + " enable the authorizer or pass --skip-acls";

  private final Admin admin;
  private final Duration timeout;

  AclService(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Every ACL of the cluster. */
  List<AclBinding> all() {
    return describe(AclBindingFilter.ANY, "describe ACLs");
  }

  /**
   * For each of {@code topics} the ACLs that apply to it (literal, prefixed and wildcard patterns
   * that match its name), and the ACLs on every resource that is not a topic (groups, the cluster,
   * transactional ids, ...): one read of every ACL, matched here with Kafka's own filter.
   */
  AclListing listing(List<String> topics) {
    List<AclBinding> all = all();
    Map<String, List<AclBinding>> byTopic = new LinkedHashMap<>();
    for (String topic : topics) {
      AclBindingFilter applies =
          new AclBindingFilter(
              new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.MATCH),
              AccessControlEntryFilter.ANY);
      byTopic.put(topic, all.stream().filter(applies::matches).toList());
    }
    return new AclListing(
        byTopic,
        all.stream().filter(b -> b.pattern().resourceType() != ResourceType.TOPIC).toList());
  }

  private List<AclBinding> describe(AclBindingFilter filter, String what) {
    try {
      return new ArrayList<>(Futures.get(admin.describeAcls(filter).values(), timeout, what));
    } catch (SecurityDisabledException e) {
      throw new NoAuthorizerException(e);
    }
  }

  /** The cluster runs without an authorizer, so it has no ACLs to read or change. */
  static final class NoAuthorizerException extends CliException {

    NoAuthorizerException(Throwable cause) {
      super(NO_AUTHORIZER, cause);
    }
  }

  /** Creates, then deletes (exact bindings only); one outcome per binding. */
  List<AclOutcome> apply(AclPlan plan) {
    List<AclOutcome> outcomes = new ArrayList<>();
    if (!plan.create().isEmpty()) {
      Map<AclBinding, KafkaFuture<Void>> created = admin.createAcls(plan.create()).values();
      plan.create().forEach(b -> outcomes.add(new AclOutcome("add", b, error(created.get(b)))));
    }
    if (!plan.delete().isEmpty()) {
      Collection<AclBindingFilter> filters =
          plan.delete().stream().map(AclBinding::toFilter).toList();
      var deleted = admin.deleteAcls(filters).values();
      plan.delete()
          .forEach(
              b -> outcomes.add(new AclOutcome("delete", b, error(deleted.get(b.toFilter())))));
    }
    return outcomes;
  }

  private @Nullable String error(KafkaFuture<?> future) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    } catch (TimeoutException e) {
      return "timed out after " + timeout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
