package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.admin.cli.CliException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclParserTests {

  private static List<AclBinding> acls(String yaml) {
    return new TopicsFile(Map.of())
        .parse(new StringReader("topics: []\nacls:\n" + yaml), "test.yaml")
        .acls();
  }

  @Test
  void expandsOneEntryIntoOneBindingPerOperationWithDefaults() {
    List<AclBinding> acls =
        acls(
            """
              - principal: User:producer-service
                resourceType: topic
                name: user-events
                operations: [write, describe]
            """);

    assertThat(acls).hasSize(2);
    assertThat(acls)
        .extracting(b -> b.entry().operation())
        .containsExactly(AclOperation.WRITE, AclOperation.DESCRIBE);
    assertThat(acls)
        .allSatisfy(
            b -> {
              assertThat(b.pattern().patternType()).isEqualTo(PatternType.LITERAL);
              assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
              assertThat(b.entry().host()).isEqualTo("*");
            });
  }

  @Test
  void readsPrefixedDenyClusterAndTransactionalIdEntries() {
    List<AclBinding> acls =
        acls(
            """
              - principal: User:replay
                resourceType: group
                name: replay-
                patternType: prefixed
                operations: read
                permission: deny
              - principal: User:producer
                resourceType: cluster
                operations: [idempotent-write]
              - principal: User:producer
                resourceType: transactional-id
                name: tx-
                patternType: prefixed
                operations: [write]
            """);

    assertThat(acls.get(0).pattern().patternType()).isEqualTo(PatternType.PREFIXED);
    assertThat(acls.get(0).entry().permissionType()).isEqualTo(AclPermissionType.DENY);
    assertThat(acls.get(1).pattern().resourceType()).isEqualTo(ResourceType.CLUSTER);
    assertThat(acls.get(1).pattern().name()).isEqualTo("kafka-cluster");
    assertThat(acls.get(1).entry().operation()).isEqualTo(AclOperation.IDEMPOTENT_WRITE);
    assertThat(acls.get(2).pattern().resourceType()).isEqualTo(ResourceType.TRANSACTIONAL_ID);
  }

  @Test
  void rejectsUnknownOperationsResourceTypesAndPrincipalsWithoutType() {
    assertThatThrownBy(
            () ->
                acls(
                    """
                      - principal: User:a
                        resourceType: topic
                        name: t
                        operations: [writ]
                    """))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("acls[0].operations: unknown operation 'writ'");
    assertThatThrownBy(
            () ->
                acls(
                    """
                      - principal: User:a
                        resourceType: queue
                        name: t
                        operations: [read]
                    """))
        .hasMessageContaining("acls[0].resourceType: expected one of");
    assertThatThrownBy(
            () ->
                acls(
                    """
                      - principal: producer
                        resourceType: topic
                        name: t
                        operations: [read]
                    """))
        .hasMessageContaining("expected TYPE:NAME");
  }

  @Test
  void shippedFileGivesEachServiceOnlyWhatItNeeds() {
    List<AclBinding> acls = new TopicsFile(Map.of()).load(Path.of("topics.yaml")).acls();

    assertThat(operations(acls, "User:producer-service"))
        .containsExactlyInAnyOrder(
            "topic user-events write",
            "topic user-events describe",
            "topic user-events describe-configs",
            "cluster kafka-cluster idempotent-write");
    assertThat(operations(acls, "User:consumer-service"))
        .containsExactlyInAnyOrder(
            "topic user-events read",
            "topic user-events describe",
            "topic user-events describe-configs",
            "group user-service-group read",
            "group user-service-group describe",
            "topic user-events-dlt write",
            "topic user-events-dlt describe",
            "topic user-events-dlt describe-configs");
    assertThat(operations(acls, "User:kafka-admin-replay"))
        .contains(
            "topic user-events-dlt read",
            "topic user-events write",
            "group kafka-admin-replay- read");
    assertThat(operations(acls, "User:kafka-admin-lag"))
        .containsExactlyInAnyOrder(
            "topic user-events read",
            "topic user-events describe",
            "topic user-events describe-configs",
            "topic user-events-dlt read",
            "topic user-events-dlt describe",
            "topic user-events-dlt describe-configs",
            "group user-service-group describe",
            "group kafka-admin-replay- describe");
    assertThat(acls)
        .allSatisfy(b -> assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW));
  }

  private static List<String> operations(List<AclBinding> acls, String principal) {
    return acls.stream()
        .filter(b -> b.entry().principal().equals(principal))
        .map(
            b ->
                AclText.word(b.pattern().resourceType().name())
                    + " "
                    + b.pattern().name()
                    + " "
                    + AclText.word(b.entry().operation().name()))
        .toList();
  }
}
