package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml is locked down (issue 12.5): only the APIs, Grafana, Kafka UI and the
 * dev-only token issuer are published, on the loopback address by default (the issuer always); no
 * default password; Kafka UI needs a login and is read-only; the services validate JWTs with an
 * audience; and docker/compose.secure.yaml runs Kafka with SCRAM over TLS and ACLs, certificates
 * made on first start.
 */
class ComposeSecurityTests {

  private static final Set<String> PUBLISHED =
      Set.of("producer-service", "consumer-service", "grafana", "kafka-ui", "mock-oauth2");
  private static final String DEV_ISSUER = "mock-oauth2";
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");

  /** Secure variant: the services that may see the broker's key store (CN=kafka, super user). */
  private static final Set<String> BROKER_SIDE = Set.of("kafka-certs", "kafka", "kafka-users");

  /** Secure variant: Kafka clients, which get the trust store and their own SCRAM user only. */
  private static final Set<String> KAFKA_CLIENTS =
      Set.of("topics-init", "producer-service", "consumer-service", "kafka-ui", "kafka-admin-lag");

  /** Secure variant: the SCRAM user topics-init applies topics.yaml as. */
  private static final String TOPICS_USER = "kafka-admin-topics";

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void onlyTheApisGrafanaKafkaUiAndTheDevIssuerArePublishedAndOnLoopbackByDefault() {
    compose
        .services()
        .forEach(
            (name, service) -> {
              List<Object> ports = RepoFiles.list(service.get("ports"));
              if (!PUBLISHED.contains(name)) {
                assertThat(ports).as("%s publishes no port", name).isEmpty();
              }
              if (name.equals(DEV_ISSUER)) {
                return;
              }
              ports.forEach(
                  port ->
                      assertThat(port.toString())
                          .as("published port of %s", name)
                          .startsWith("${PUBLISH_ADDRESS:-127.0.0.1}:"));
            });
    // An open token mint (both scopes for anyone): loopback always, PUBLISH_ADDRESS moves it not.
    assertThat(RepoFiles.list(compose.service(DEV_ISSUER).get("ports")))
        .containsExactly("127.0.0.1:8085:8080");
    assertThat(compose.containerPorts("producer-service")).containsExactly(8090);
    assertThat(compose.containerPorts("consumer-service")).containsExactly(8091);
    assertThat(compose.containerPorts("kafka-ui")).containsExactly(8080);
    assertThat(compose.containerPorts("grafana")).containsExactly(3000);
  }

  @Test
  void kafkaListensOnlyOnTheComposeNetwork() {
    for (String node : List.of("kafka", "kafka-2", "kafka-3")) {
      assertThat(compose.environment(node).get("KAFKA_ADVERTISED_LISTENERS"))
          .as("advertised listeners of %s", node)
          .doesNotContain("localhost");
    }
  }

  @Test
  void noPasswordHasADefaultAndComposeStopsWithAMessageWithoutOne() {
    Map<String, String> required =
        Map.of(
            "postgres", "POSTGRES_PASSWORD",
            "consumer-service", "SPRING_DATASOURCE_PASSWORD",
            "grafana", "GF_SECURITY_ADMIN_PASSWORD",
            "kafka-ui", "SPRING_SECURITY_USER_PASSWORD");
    required.forEach(
        (service, variable) ->
            assertThat(compose.environment(service).get(variable))
                .as("%s of %s", variable, service)
                .matches(REQUIRED_VARIABLE.pattern()));
    compose
        .services()
        .keySet()
        .forEach(
            service ->
                compose
                    .environment(service)
                    .forEach(
                        (name, value) -> {
                          if (name.contains("PASSWORD")) {
                            assertThat(value)
                                .as("%s of %s comes from docker/.env", name, service)
                                .matches(REQUIRED_VARIABLE.pattern());
                          }
                        }));
  }

  @Test
  void envExampleNamesEveryRequiredVariableAndTheRealEnvFileIsIgnored() {
    String example = RepoFiles.read(RepoFiles.dockerDir().resolve(".env.example"));
    Set<String> variables = new TreeSet<>();
    for (String file : List.of("compose.yaml", "compose.secure.yaml")) {
      Matcher matcher =
          REQUIRED_VARIABLE.matcher(RepoFiles.read(RepoFiles.dockerDir().resolve(file)));
      while (matcher.find()) {
        variables.add(matcher.group(1));
      }
    }
    assertThat(variables).contains("POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
    variables.forEach(
        variable ->
            assertThat(example).as(".env.example").containsPattern("(?m)^" + variable + "="));
    assertThat(example).doesNotContainPattern("(?m)^[A-Z_]*PASSWORD=.+");
    assertThat(RepoFiles.read(RepoFiles.repoDir().resolve(".gitignore"))).contains("docker/.env");
  }

  @Test
  void kafkaUiNeedsALoginAndIsReadOnly() {
    assertThat(compose.environment("kafka-ui"))
        .containsEntry("AUTH_TYPE", "LOGIN_FORM")
        .containsEntry("KAFKA_CLUSTERS_0_READONLY", "${KAFKA_UI_READONLY:-true}")
        .containsEntry("DYNAMIC_CONFIG_ENABLED", "false");
    assertThat(compose.environment("grafana")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
  }

  @Test
  void servicesValidateJwtsFromTheDevIssuerWithAnAudience() {
    for (String service : ComposeFile.SPRING_SERVICES) {
      assertThat(compose.environment(service))
          .as(service)
          .containsEntry("USEREVENTS_SECURITY_MODE", "jwt")
          .containsEntry("USEREVENTS_SECURITY_AUDIENCE", "${API_AUDIENCE:-user-events}")
          .containsEntry(
              "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
              "${JWT_ISSUER_URI:-http://localhost:8085/default}")
          .containsEntry(
              "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
              "${JWT_JWK_SET_URI:-http://mock-oauth2:8080/default/jwks}");
    }
    assertThat(compose.service("mock-oauth2").get("image").toString())
        .startsWith("ghcr.io/navikt/mock-oauth2-server:");
    assertThat(compose.environment("mock-oauth2").get("JSON_CONFIG"))
        .contains("\"aud\": [\"${API_AUDIENCE:-user-events}\"]")
        .contains("events:write users:read");
  }

  @Test
  void secureVariantRunsKafkaWithScramOverTlsAclsAndCertificatesMadeOnFirstStart()
      throws Exception {
    Map<String, Object> secure =
        RepoFiles.yaml(RepoFiles.dockerDir().resolve("compose.secure.yaml"));
    Map<String, Object> services = RepoFiles.map(secure.get("services"));
    Map<String, Object> kafkaEnv =
        RepoFiles.map(RepoFiles.map(services.get("kafka")).get("environment"));
    assertThat(kafkaEnv.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString())
        .isEqualTo("INTERNAL:SASL_SSL,BROKER:SSL,CONTROLLER:SSL");
    assertThat(kafkaEnv)
        .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
        .containsEntry(
            "KAFKA_AUTHORIZER_CLASS_NAME",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
    assertThat(RepoFiles.map(services.get("topics-init")).get("command").toString())
        .doesNotContain("--skip-acls")
        .contains("--command-config");
    assertThat(compose.service("topics-init").get("command").toString()).contains("--skip-acls");
    for (String service : ComposeFile.SPRING_SERVICES) {
      Map<String, Object> env =
          RepoFiles.map(RepoFiles.map(services.get(service)).get("environment"));
      assertThat(env)
          .as(service)
          .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
          .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
          .containsKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    }
    Path script = RepoFiles.dockerDir().resolve("secure/generate-certs.sh");
    assertThat(RepoFiles.read(script)).contains("keytool -genkeypair").contains("exit 0");
    assertThat(Files.isExecutable(script)).isTrue();
    try (var files = Files.walk(RepoFiles.dockerDir())) {
      assertThat(files.map(Path::toString))
          .as("no key material is committed")
          .noneMatch(name -> name.matches(".*\\.(p12|jks|pem|key|crt)$"));
    }
  }

  @Test
  void noKafkaClientMountsTheVolumeWithTheBrokersKeyOrKnowsItsPassword() {
    Map<String, Object> secure = secureServices();
    Map<String, String> kafka = secureEnvironment(secure, "kafka");
    String keyStore = kafka.get("KAFKA_SSL_KEYSTORE_LOCATION");
    String keyVolume =
        namedVolumes(secure, "kafka").entrySet().stream()
            .filter(mount -> keyStore.startsWith(mount.getValue() + "/"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume of kafka holds " + keyStore));
    assertThat(keyVolume).isEqualTo("kafka-certs");
    assertThat(kafka)
        .containsEntry(
            "KAFKA_SSL_KEYSTORE_PASSWORD",
            "${KAFKA_KEYSTORE_PASSWORD:?set KAFKA_KEYSTORE_PASSWORD in docker/.env}")
        .containsEntry(
            "KAFKA_SSL_TRUSTSTORE_PASSWORD",
            "${KAFKA_SSL_PASSWORD:?set KAFKA_SSL_PASSWORD in docker/.env}");

    Set<String> names = new TreeSet<>(compose.services().keySet());
    names.addAll(secure.keySet());
    for (String name : names) {
      if (BROKER_SIDE.contains(name)) {
        continue;
      }
      Map<String, String> volumes = new LinkedHashMap<>(namedVolumes(secure, name));
      if (compose.services().containsKey(name)) {
        volumes.putAll(namedVolumes(RepoFiles.map(compose.services()), name));
      }
      assertThat(volumes)
          .as("%s (not the broker side) mounts the broker's key store volume", name)
          .doesNotContainKey(keyVolume);
      assertThat(String.valueOf(RepoFiles.map(secure.get(name)).get("environment")))
          .as("%s knows the broker's key store password", name)
          .doesNotContain("KAFKA_KEYSTORE_PASSWORD");
    }

    for (String client : KAFKA_CLIENTS) {
      assertThat(RepoFiles.list(RepoFiles.map(secure.get(client)).get("volumes")))
          .as("volumes of %s", client)
          .containsExactly("kafka-trust:/trust:ro");
      assertThat(String.valueOf(secure.get(client)))
          .as("trust store of %s", client)
          .contains("/trust/truststore.p12")
          .doesNotContain("/certs/");
    }

    // The script puts only the trust store into the clients' volume.
    String script = RepoFiles.read(RepoFiles.dockerDir().resolve("secure/generate-certs.sh"));
    assertThat(namedVolumes(secure, "kafka-certs"))
        .containsEntry("kafka-certs", "/certs")
        .containsEntry("kafka-trust", "/trust");
    assertThat(script).contains("trust=/trust");
    script
        .lines()
        .filter(line -> Pattern.compile("\\$trust\\b").matcher(line).find())
        .forEach(
            line ->
                assertThat(line)
                    .as("generate-certs.sh writes to the trust volume")
                    .contains("$trust/truststore.p12"));
  }

  @Test
  void lagExporterConnectsAsItsOwnScramUserInTheSecureVariant() {
    Map<String, Object> lag = RepoFiles.map(secureServices().get("kafka-admin-lag"));
    assertThat(RepoFiles.list(lag.get("entrypoint"))).containsExactly("/bin/sh", "-c");
    String script =
        String.join(
            "\n", RepoFiles.list(lag.get("command")).stream().map(String::valueOf).toList());
    assertThat(script)
        .contains("umask 077")
        .contains("security.protocol=SASL_SSL")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("username=\"kafka-admin-lag\" password=\"$${KAFKA_LAG_PASSWORD}\"")
        .contains("ssl.truststore.location=/trust/truststore.p12");
    // The exporter runs with compose.yaml's arguments, plus the command config.
    List<String> arguments =
        RepoFiles.list(compose.service("kafka-admin-lag").get("command")).stream()
            .map(String::valueOf)
            .toList();
    assertThat(script)
        .contains(
            "exec java -jar /app/kafka-admin.jar "
                + String.join(" ", arguments)
                + " --command-config /tmp/lag-client.properties");
    assertThat(secureEnvironment(secureServices(), "kafka-admin-lag"))
        .containsEntry(
            "KAFKA_LAG_PASSWORD", "${KAFKA_LAG_PASSWORD:?set KAFKA_LAG_PASSWORD in docker/.env}");
  }

  @Test
  void topicsInitAppliesAsItsOwnScramUserWithTheTrustStoreOnly() {
    Map<String, Object> secure = secureServices();
    Map<String, Object> init = RepoFiles.map(secure.get("topics-init"));
    assertThat(namedVolumes(secure, "topics-init"))
        .as("topics-init mounts the trust store, never the broker's key store volume")
        .containsExactly(Map.entry("kafka-trust", "/trust"))
        .doesNotContainKey("kafka-certs");
    assertThat(String.valueOf(init))
        .doesNotContain("KAFKA_KEYSTORE_PASSWORD")
        .doesNotContain("/certs/")
        .doesNotContain("broker-client.properties");
    List<Object> entrypoint = RepoFiles.list(init.get("entrypoint"));
    assertThat(entrypoint).hasSize(4);
    assertThat(entrypoint.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(String.valueOf(entrypoint.get(2)))
        .contains("umask 077")
        .contains("cat > /tmp/topics-client.properties")
        .contains("security.protocol=SASL_SSL")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("username=\"" + TOPICS_USER + "\" password=\"$${KAFKA_TOPICS_PASSWORD}\"")
        .contains("ssl.truststore.location=/trust/truststore.p12")
        .doesNotContain("ssl.keystore")
        .endsWith("exec java -jar /app/kafka-admin.jar \"$$@\"\n");
    // compose.yaml's topics apply, with the ACLs and the command config written above.
    assertThat(RepoFiles.list(init.get("command")))
        .containsExactly(
            "topics",
            "apply",
            "-f",
            "/topics.yaml",
            "--command-config",
            "/tmp/topics-client.properties");
    Map<String, String> env = secureEnvironment(secure, "topics-init");
    assertThat(env)
        .containsEntry(
            "KAFKA_TOPICS_PASSWORD",
            "${KAFKA_TOPICS_PASSWORD:?set KAFKA_TOPICS_PASSWORD in docker/.env}")
        .containsEntry(
            "KAFKA_SSL_PASSWORD", "${KAFKA_SSL_PASSWORD:?set KAFKA_SSL_PASSWORD in docker/.env}");
    // The SASL_SSL listener the services use, not the broker's mutual-TLS one.
    Map<String, String> kafka = secureEnvironment(secure, "kafka");
    assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS"))
        .contains("INTERNAL://" + env.get("KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains("INTERNAL:SASL_SSL");
    assertThat(kafka.get("KAFKA_SUPER_USERS").split(";")).doesNotContain("User:" + TOPICS_USER);
  }

  @Test
  void theTopicsUserIsGrantedWhatTopicsApplyNeedsBeforeTheOtherUsersAreCreated() {
    String users = RepoFiles.read(RepoFiles.dockerDir().resolve("secure/create-users.sh"));
    String joined = users.replace("\\\n", "");
    List<String> grants =
        joined
            .lines()
            .filter(line -> line.startsWith("allow " + TOPICS_USER + " "))
            .map(line -> line.replaceAll("\\s+", " "))
            .toList();
    assertThat(grants)
        .containsExactlyInAnyOrder(
            "allow kafka-admin-topics --cluster --operation Describe --operation Alter",
            "allow kafka-admin-topics --topic user-events --resource-pattern-type prefixed"
                + " --operation Create --operation Describe --operation Alter"
                + " --operation DescribeConfigs --operation AlterConfigs");
    assertThat(joined)
        .containsPattern("(?m)^add_user " + TOPICS_USER + " \"\\$\\{KAFKA_TOPICS_PASSWORD:\\?");
    assertThat(secureEnvironment(secureServices(), "kafka-users"))
        .containsEntry(
            "KAFKA_TOPICS_PASSWORD",
            "${KAFKA_TOPICS_PASSWORD:?set KAFKA_TOPICS_PASSWORD in docker/.env}");
    // The prefixed grant covers every topic of the shipped file.
    Map<String, Object> topics =
        RepoFiles.yaml(RepoFiles.repoDir().resolve("admin-tools/topics.yaml"));
    assertThat(RepoFiles.list(topics.get("topics")))
        .isNotEmpty()
        .allSatisfy(
            topic ->
                assertThat(RepoFiles.map(topic).get("name").toString()).startsWith("user-events"));
    // Its user and ACLs come first: the broker applies them a moment after they were made, and the
    // other users give it that moment before topics-init starts.
    Matcher firstUser = Pattern.compile("(?m)^add_user (\\S+)").matcher(joined);
    assertThat(firstUser.find()).isTrue();
    assertThat(firstUser.group(1)).isEqualTo(TOPICS_USER);
    assertThat(joined.indexOf("\nallow " + TOPICS_USER))
        .isPositive()
        .isLessThan(joined.indexOf("\nadd_user admin "));
  }

  @Test
  void everyPrincipalOfTheShippedAclsIsAScramUserOfTheSecureVariant() {
    Map<String, Object> topics =
        RepoFiles.yaml(RepoFiles.repoDir().resolve("admin-tools/topics.yaml"));
    Set<String> principals = new TreeSet<>();
    RepoFiles.list(topics.get("acls"))
        .forEach(acl -> principals.add(RepoFiles.map(acl).get("principal").toString()));
    assertThat(principals)
        .contains(
            "User:producer-service",
            "User:consumer-service",
            "User:kafka-admin-replay",
            "User:kafka-admin-lag",
            "User:kafka-ui");
    String users = RepoFiles.read(RepoFiles.dockerDir().resolve("secure/create-users.sh"));
    Map<String, String> kafkaUsers = secureEnvironment(secureServices(), "kafka-users");
    Pattern addUser = Pattern.compile("(?m)^add_user (\\S+) \"\\$\\{([A-Z_]+):\\?");
    Map<String, String> passwordOf = new LinkedHashMap<>();
    Matcher matcher = addUser.matcher(users);
    while (matcher.find()) {
      passwordOf.put("User:" + matcher.group(1), matcher.group(2));
    }
    for (String principal : principals) {
      assertThat(passwordOf).as("create-users.sh creates %s", principal).containsKey(principal);
      String variable = passwordOf.get(principal);
      assertThat(kafkaUsers)
          .as("kafka-users gets %s", variable)
          .containsEntry(variable, "${" + variable + ":?set " + variable + " in docker/.env}");
    }
  }

  private static Map<String, Object> secureServices() {
    return RepoFiles.map(
        RepoFiles.yaml(RepoFiles.dockerDir().resolve("compose.secure.yaml")).get("services"));
  }

  private static Map<String, String> secureEnvironment(Map<String, Object> services, String name) {
    Map<String, String> env = new LinkedHashMap<>();
    RepoFiles.map(RepoFiles.map(services.get(name)).get("environment"))
        .forEach((key, value) -> env.put(key, String.valueOf(value)));
    return env;
  }

  /** Named volumes of a service ("kafka-certs:/certs:ro" -> kafka-certs=/certs); no bind mounts. */
  private static Map<String, String> namedVolumes(Map<String, Object> services, String name) {
    Map<String, String> volumes = new LinkedHashMap<>();
    for (Object volume : RepoFiles.list(RepoFiles.map(services.get(name)).get("volumes"))) {
      String[] parts = volume.toString().split(":");
      if (!parts[0].startsWith(".") && !parts[0].startsWith("/") && parts.length > 1) {
        volumes.put(parts[0], parts[1]);
      }
    }
    return volumes;
  }
}
