package io.userevents.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.userevents.admin.cli.Json;
import io.userevents.admin.testsupport.CliRun;
import io.userevents.admin.testsupport.EmbeddedClusters;
import io.userevents.admin.testsupport.SecuredKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs as code against a KRaft broker with the standard authorizer; kafka-admin itself connects
 * over SASL_SSL (SCRAM-SHA-512) or mutual TLS through --command-config.
 */
class AclsIntegrationTests {

  private static SecuredKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() {
    kafka = SecuredKafka.start();
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @Test
  void planShowsMissingAclsApplyCreatesThemAndDescribeListsThem() throws Exception {
    String topic = EmbeddedClusters.unique("acl-topic");
    String principal = "User:" + EmbeddedClusters.unique("writer");
    Path file = file(topic, principal, "[write, describe]");
    Path admin = adminConfig();

    CliRun plan = kafkaAdmin(admin, "topics", "plan", "-f", file.toString(), "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out())
        .contains("+ acl " + principal + " allow write topic " + topic + " (literal) from *")
        .contains("+ acl " + principal + " allow describe topic " + topic + " (literal) from *")
        .contains("ACLs: 2 to add, 0 to delete.");

    CliRun apply = kafkaAdmin(admin, "topics", "apply", "-f", file.toString());
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out())
        .contains("ok      add acl " + principal + " allow write topic " + topic);
    // The broker applies ACL changes from the metadata log a moment after the controller acked.
    await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() == 2);

    CliRun replan =
        kafkaAdmin(admin, "topics", "plan", "-f", file.toString(), "--detailed-exitcode");
    assertThat(replan.exitCode()).as(replan.toString()).isZero();
    assertThat(replan.out()).contains("No changes.");

    CliRun describe = kafkaAdmin(admin, "topics", "describe", topic);
    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.out()).contains("    " + principal + " allow write topic " + topic);
  }

  @Test
  void describeListsGroupClusterAndTransactionalIdAclsAfterTheTopicsInTableAndJson()
      throws Exception {
    String topic = EmbeddedClusters.unique("acl-topic");
    String group = EmbeddedClusters.unique("acl-group");
    String transactionalId = EmbeddedClusters.unique("acl-tx");
    String principal = "User:" + EmbeddedClusters.unique("worker");
    Path file =
        Files.writeString(
            dir.resolve("every-resource-type.yaml"),
            """
            topics:
              - name: %1$s
                partitions: 1
                replicationFactor: 1
            acls:
              - principal: %2$s
                resourceType: topic
                name: %1$s
                operations: [read]
              - principal: %2$s
                resourceType: group
                name: %3$s
                operations: [read]
              - principal: %2$s
                resourceType: cluster
                operations: [idempotent-write]
              - principal: %2$s
                resourceType: transactional-id
                name: %4$s
                patternType: prefixed
                operations: [write]
            """
                .formatted(topic, principal, group, transactionalId));
    Path admin = adminConfig();
    CliRun apply = kafkaAdmin(admin, "topics", "apply", "-f", file.toString());
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() == 4);

    CliRun text = kafkaAdmin(admin, "topics", "describe", topic);

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out().lines())
        .contains("ACLs not on a topic (groups, the cluster, transactional ids, ...):");
    assertThat(text.out().lines().filter(line -> line.contains(principal)))
        .containsExactly(
            "    " + principal + " allow read topic " + topic + " (literal) from *",
            "  " + principal + " allow read group " + group + " (literal) from *",
            "  " + principal + " allow idempotent-write cluster kafka-cluster (literal) from *",
            "  "
                + principal
                + " allow write transactional-id "
                + transactionalId
                + " (prefixed) from *");

    CliRun json = kafkaAdmin(admin, "topics", "describe", topic, "-o", "json");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode document = Json.mapper().readTree(json.out());
    assertThat(ofPrincipal(document.get("acls").get(topic), principal))
        .containsExactly(acl(principal, "topic", topic, "literal", "read"));
    assertThat(ofPrincipal(document.get("nonTopicAcls"), principal))
        .containsExactly(
            acl(principal, "group", group, "literal", "read"),
            acl(principal, "cluster", "kafka-cluster", "literal", "idempotent-write"),
            acl(principal, "transactional-id", transactionalId, "prefixed", "write"));
  }

  /** The entries of {@code principal} (the shipped file's {@code *} ACLs may be there too). */
  private static List<JsonNode> ofPrincipal(JsonNode acls, String principal) {
    List<JsonNode> entries = new ArrayList<>();
    acls.forEach(
        acl -> {
          if (acl.get("principal").asText().equals(principal)) {
            entries.add(acl);
          }
        });
    return entries;
  }

  private static JsonNode acl(
      String principal, String resourceType, String name, String patternType, String operation) {
    return Json.mapper()
        .createObjectNode()
        .put("principal", principal)
        .put("resourceType", resourceType)
        .put("name", name)
        .put("patternType", patternType)
        .put("operation", operation)
        .put("permission", "allow")
        .put("host", "*");
  }

  @Test
  void deletesOnlyAclsOfDeclaredPrincipalsAndOnlyWithAllowDelete() throws Exception {
    String topic = EmbeddedClusters.unique("acl-topic");
    String principal = "User:" + EmbeddedClusters.unique("reader");
    String stranger = "User:" + EmbeddedClusters.unique("stranger");
    create(principal, topic, AclOperation.READ);
    create(principal, topic, AclOperation.ALTER);
    create(stranger, topic, AclOperation.READ);
    Path file = file(topic, principal, "[read]");
    Path admin = adminConfig();

    await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(stranger).size() == 1);
    CliRun keep = kafkaAdmin(admin, "topics", "apply", "-f", file.toString());
    assertThat(keep.exitCode()).as(keep.toString()).isZero();
    assertThat(keep.err()).contains("1 ACL(s) of the file's principals are not in the file");
    assertThat(aclsOf(principal)).hasSize(2);

    CliRun plan =
        kafkaAdmin(
            admin,
            "topics",
            "plan",
            "-f",
            file.toString(),
            "--allow-delete",
            "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
    assertThat(plan.out()).contains("- acl " + principal + " allow alter topic " + topic);
    assertThat(plan.out()).doesNotContain(stranger);

    CliRun delete = kafkaAdmin(admin, "topics", "apply", "-f", file.toString(), "--allow-delete");
    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(aclsOf(principal))
                    .extracting(b -> b.entry().operation())
                    .containsExactly(AclOperation.READ));
    assertThat(aclsOf(stranger)).hasSize(1);
  }

  @Test
  void shippedAclsLetTheProducerWriteUserEventsButNotReadIt() throws Exception {
    Path admin = adminConfig();
    CliRun apply = applyOnOneBroker(admin, "topics.yaml");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> aclsOf("User:" + SecuredKafka.PRODUCER).size() == 4);

    Properties producerProps = kafka.saslSsl(SecuredKafka.PRODUCER);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      RecordMetadata written =
          producer
              .send(new ProducerRecord<>("user-events", "k".getBytes(), "v".getBytes()))
              .get(30, TimeUnit.SECONDS);
      assertThat(written.offset()).isGreaterThanOrEqualTo(0);
    }

    Properties consumerProps = kafka.saslSsl(SecuredKafka.PRODUCER);
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.assign(List.of(new TopicPartition("user-events", 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shippedAclsLetTheLagExporterReportTheServiceGroupWithLagSeconds() throws Exception {
    CliRun apply = applyOnOneBroker(adminConfig(), "topics.yaml");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> aclsOf("User:" + SecuredKafka.LAG).size() == 8);
    Properties producerProps = kafka.saslSsl(SecuredKafka.PRODUCER);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      producer
          .send(new ProducerRecord<>("user-events", 0, "k".getBytes(), "v".getBytes()))
          .get(30, TimeUnit.SECONDS);
    }
    TopicPartition p0 = new TopicPartition("user-events", 0);
    try (Admin admin = Admin.create(kafka.superUserProperties())) {
      admin
          .alterConsumerGroupOffsets("user-service-group", Map.of(p0, new OffsetAndMetadata(0)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Path lagConfig =
        SecuredKafka.write(kafka.saslSsl(SecuredKafka.LAG), dir.resolve("lag.properties"));

    CliRun lag = kafkaAdmin(lagConfig, "lag", "--all-groups", "-o", "json");

    assertThat(lag.exitCode()).as(lag.toString()).isNotEqualTo(3);
    JsonNode group = null;
    for (JsonNode candidate : Json.mapper().readTree(lag.out()).get("groups")) {
      if (candidate.get("group").asText().equals("user-service-group")) {
        group = candidate;
      }
    }
    assertThat(group).as("user-service-group in %s", lag.out()).isNotNull();
    assertThat(group.get("error").isNull()).as(lag.out()).isTrue();
    JsonNode partition = group.get("partitions").get(0);
    assertThat(partition.get("lag").asLong()).isPositive();
    assertThat(partition.get("lagSeconds").isNumber())
        .as("the next record's timestamp was read: %s", lag.out())
        .isTrue();
  }

  /**
   * docker/compose.secure.yaml's topics-init is no super user: it applies topics.yaml as {@link
   * SecuredKafka#TOPICS} with the ACLs docker/secure/create-users.sh grants that user. They are
   * enough to create the shipped topics (under fresh names with the same prefix) and ACLs, then add
   * partitions and change a config; not enough for a topic outside the prefix.
   */
  @Test
  void topicsUserOfTheSecureComposeAppliesTheShippedFileWithOnlyTheAclsItIsGranted()
      throws Exception {
    String principal = "User:" + SecuredKafka.TOPICS;
    List<AclBinding> granted = grantedByCreateUsersScript(SecuredKafka.TOPICS);
    assertThat(granted).isNotEmpty();
    try (Admin admin = Admin.create(kafka.superUserProperties())) {
      admin.createAcls(granted).all().get(30, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() == granted.size());
    Path config =
        SecuredKafka.write(kafka.saslSsl(SecuredKafka.TOPICS), dir.resolve("topics.properties"));
    String topic = EmbeddedClusters.unique("user-events");
    String shipped =
        Files.readString(Path.of("topics.yaml")).replaceAll("\\buser-events\\b", topic);
    assertThat(shipped).contains("name: " + topic + "-dlt");

    CliRun create =
        applyOnOneBroker(
            config, Files.writeString(dir.resolve("shipped.yaml"), shipped).toString());
    assertThat(create.exitCode()).as(create.toString()).isZero();
    assertThat(create.out())
        .contains("ok      create " + topic + "\n")
        .contains("ok      create " + topic + "-dlt")
        .contains("ok      add acl User:producer-service allow write topic " + topic + " ")
        .doesNotContain("FAILED");

    String changed =
        shipped
            .replaceFirst("partitions: 3", "partitions: 4")
            .replaceFirst("retention.ms: 604800000", "retention.ms: 86400000");
    CliRun alter =
        applyOnOneBroker(
            config, Files.writeString(dir.resolve("changed.yaml"), changed).toString());
    assertThat(alter.exitCode()).as(alter.toString()).isZero();
    assertThat(alter.out())
        .contains("ok      add-partitions " + topic)
        .contains("ok      alter-configs " + topic)
        .doesNotContain("FAILED");

    String elsewhere = EmbeddedClusters.unique("elsewhere");
    Path other =
        Files.writeString(
            dir.resolve("elsewhere.yaml"),
            """
            topics:
              - name: %s
                partitions: 1
                replicationFactor: 1
            """
                .formatted(elsewhere));
    CliRun refused = kafkaAdmin(config, "topics", "apply", "-f", other.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out())
        .containsPattern("FAILED  create " + elsewhere + ": .*[Aa]uthorization failed");
  }

  /**
   * Over mutual TLS kafka-admin is the certificate's CN: {@code User:admin}, a super user, may
   * create topics and ACLs, which the certificate's full name ({@code CN=admin,O=...}) may not.
   */
  @Test
  void appliesTopicsAndAclsOverMutualTlsAsTheCertificatesCommonName() throws Exception {
    String topic = EmbeddedClusters.unique("mtls-topic");
    String principal = "User:" + EmbeddedClusters.unique("mtls-reader");
    Path file = file(topic, principal, "[read]");
    Path config =
        SecuredKafka.write(kafka.mtls(SecuredKafka.ADMIN), dir.resolve("mtls.properties"));

    CliRun apply = kafkaAdmin(config, "topics", "apply", "-f", file.toString());

    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out())
        .contains("ok      create " + topic)
        .contains(
            "ok      add acl " + principal + " allow read topic " + topic + " (literal) from *")
        .contains("Apply complete: 2 change(s) made, 0 failed.");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(aclsOf(principal))
                    .extracting(b -> b.entry().operation())
                    .containsExactly(AclOperation.READ));
  }

  @Test
  void failsClearlyOnAClusterWithoutAuthorizerUnlessAclsAreSkipped() throws Exception {
    String bootstrap = EmbeddedClusters.shared().getBrokersAsString();
    Path file = file(EmbeddedClusters.unique("plain"), "User:someone", "[read]");

    CliRun plan = CliRun.run("topics", "plan", "-b", bootstrap, "-f", file.toString());
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.err()).contains("the cluster has no authorizer").contains("--skip-acls");

    CliRun skipped =
        CliRun.run("topics", "plan", "-b", bootstrap, "-f", file.toString(), "--skip-acls");
    assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
    assertThat(skipped.err()).contains("1 ACL(s) in the file were not checked (--skip-acls)");

    String topic = EmbeddedClusters.unique("plain");
    EmbeddedClusters.createTopic(EmbeddedClusters.shared(), topic, 1);
    CliRun describe = CliRun.run("topics", "describe", "-b", bootstrap, topic);
    assertThat(describe.exitCode()).as(describe.toString()).isZero();
    assertThat(describe.err()).contains("note: no ACLs listed: the cluster has no authorizer");
  }

  private Path file(String topic, String principal, String operations) throws Exception {
    return Files.writeString(
        dir.resolve("topics.yaml"),
        """
        topics:
          - name: %s
            partitions: 1
            replicationFactor: 1
        acls:
          - principal: %s
            resourceType: topic
            name: %s
            operations: %s
        """
            .formatted(topic, principal, topic, operations));
  }

  private Path adminConfig() {
    return SecuredKafka.write(kafka.saslSsl(SecuredKafka.ADMIN), dir.resolve("admin.properties"));
  }

  /** {@code topics apply -f file}, with the replication factor the single test broker allows. */
  private static CliRun applyOnOneBroker(Path commandConfig, String file) {
    return kafkaAdmin(
        commandConfig, "topics", "apply", "-f", file, "--replication-factor-override", "1");
  }

  private static CliRun kafkaAdmin(Path commandConfig, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--command-config";
    all[args.length + 1] = commandConfig.toString();
    return CliRun.run(all);
  }

  private static void create(String principal, String topic, AclOperation operation)
      throws Exception {
    try (Admin admin = Admin.create(kafka.superUserProperties())) {
      admin
          .createAcls(
              List.of(
                  new AclBinding(
                      new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                      new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The ACLs docker/secure/create-users.sh grants {@code user}: its lines {@code allow <user>
   * <kafka-acls.sh options>}, with --cluster, --topic, --resource-pattern-type and --operation.
   */
  private static List<AclBinding> grantedByCreateUsersScript(String user) throws Exception {
    String script =
        Files.readString(Path.of("../docker/secure/create-users.sh")).replace("\\\n", " ");
    List<AclBinding> bindings = new ArrayList<>();
    for (String line : script.lines().map(String::trim).toList()) {
      List<String> words = List.of(line.split("\\s+"));
      if (words.size() < 2 || !words.get(0).equals("allow") || !words.get(1).equals(user)) {
        continue;
      }
      ResourceType type = null;
      String name = null;
      PatternType pattern = PatternType.LITERAL;
      List<AclOperation> operations = new ArrayList<>();
      for (int i = 2; i < words.size(); i++) {
        switch (words.get(i)) {
          case "--cluster" -> {
            type = ResourceType.CLUSTER;
            name = "kafka-cluster";
          }
          case "--topic" -> {
            type = ResourceType.TOPIC;
            name = words.get(++i);
          }
          case "--resource-pattern-type" ->
              pattern = PatternType.fromString(words.get(++i).toUpperCase(Locale.ROOT));
          case "--operation" -> operations.add(SecurityUtils.operation(words.get(++i)));
          default -> throw new IllegalArgumentException("unexpected " + words.get(i) + ": " + line);
        }
      }
      assertThat(type).as(line).isNotNull();
      assertThat(pattern).as(line).isNotEqualTo(PatternType.UNKNOWN);
      assertThat(operations).as(line).isNotEmpty().doesNotContain(AclOperation.UNKNOWN);
      ResourcePattern resource = new ResourcePattern(type, name, pattern);
      for (AclOperation operation : operations) {
        bindings.add(
            new AclBinding(
                resource,
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }

  private static List<AclBinding> aclsOf(String principal) throws Exception {
    try (Admin admin = Admin.create(kafka.superUserProperties())) {
      return admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
          .filter(b -> b.entry().principal().equals(principal))
          .toList();
    }
  }
}
