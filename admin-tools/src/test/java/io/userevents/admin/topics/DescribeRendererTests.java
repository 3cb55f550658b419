package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DescribeRendererTests {

  private static final String HEADING =
      "ACLs not on a topic (groups, the cluster, transactional ids, ...):";

  @Test
  void listsTheShippedGroupAndClusterAclsByResourceTypeNameAndPrincipal() {
    List<AclBinding> shipped = new TopicsFile(Map.of()).load(Path.of("topics.yaml")).acls();
    List<AclBinding> notOnTopics =
        shipped.stream().filter(b -> b.pattern().resourceType() != ResourceType.TOPIC).toList();

    String text = text(new AclListing(Map.of(), notOnTopics));

    // the example in admin-tools/README.md, "ACLs as code"
    assertThat(text.lines())
        .containsExactly(
            HEADING,
            "  User:kafka-ui allow describe group * (literal) from *",
            "  User:kafka-admin-lag allow describe group kafka-admin-replay- (prefixed) from *",
            "  User:kafka-admin-replay allow read group kafka-admin-replay- (prefixed) from *",
            "  User:kafka-admin-replay allow describe group kafka-admin-replay- (prefixed) from *",
            "  User:consumer-service allow read group user-service-group (literal) from *",
            "  User:consumer-service allow describe group user-service-group (literal) from *",
            "  User:kafka-admin-lag allow describe group user-service-group (literal) from *",
            "  User:kafka-admin-replay allow idempotent-write cluster kafka-cluster (literal) from *",
            "  User:kafka-ui allow describe cluster kafka-cluster (literal) from *",
            "  User:kafka-ui allow describe-configs cluster kafka-cluster (literal) from *",
            "  User:producer-service allow idempotent-write cluster kafka-cluster (literal) from *");
  }

  @Test
  void saysNoneWhenNoAclIsOnAnythingButTopics() {
    assertThat(text(new AclListing(Map.of(), List.of()))).isEqualTo(HEADING + " none\n");
  }

  @Test
  void printsNoAclLinesWhenAclsWereNotListed() {
    assertThat(text(null)).isEmpty();
  }

  @Test
  void putsTheAclsNotOnATopicBesideThePerTopicOnesInJson() {
    List<AclBinding> shipped = new TopicsFile(Map.of()).load(Path.of("topics.yaml")).acls();
    List<AclBinding> cluster =
        shipped.stream()
            .filter(b -> b.entry().principal().equals("User:producer-service"))
            .filter(b -> b.pattern().resourceType() == ResourceType.CLUSTER)
            .toList();

    Map<String, Object> document =
        DescribeRenderer.document(
            List.of(), new AclListing(Map.of("user-events", List.of()), cluster));

    assertThat(document)
        .containsExactly(
            Map.entry("command", "topics describe"),
            Map.entry("topics", List.of()),
            Map.entry("acls", Map.of("user-events", List.of())),
            Map.entry(
                "nonTopicAcls",
                List.of(
                    Map.of(
                        "principal", "User:producer-service",
                        "resourceType", "cluster",
                        "name", "kafka-cluster",
                        "patternType", "literal",
                        "operation", "idempotent-write",
                        "permission", "allow",
                        "host", "*"))));
  }

  private static String text(@Nullable AclListing acls) {
    StringWriter text = new StringWriter();
    DescribeRenderer.printText(List.of(), acls, new PrintWriter(text, true));
    return text.toString();
  }
}
