package io.userevents.admin.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft cluster locked down as production should be: a SASL_SSL listener
 * (SCRAM-SHA-512), a mutual-TLS listener, the standard authorizer with {@code
 * allow.everyone.if.no.acl.found=false}, and SCRAM users {@link #ADMIN} (super user), {@link
 * #PRODUCER}, {@link #CONSUMER}, {@link #REPLAY}, {@link #LAG}, {@link #TOPICS} and {@link #NOBODY}
 * (no ACL at all). Certificates are generated for the run (CN = principal name; the broker maps a
 * certificate to {@code User:<CN>}).
 *
 * <p>The plaintext listener the test kit needs between broker and controller is the cluster's
 * internal port: its anonymous principal is a super user so that tests can set the cluster up
 * (users, topics, ACLs) before they exercise the secured listeners.
 */
public final class SecuredKafka implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String PRODUCER = "producer-service";
  public static final String CONSUMER = "consumer-service";
  public static final String REPLAY = "kafka-admin-replay";
  public static final String LAG = "kafka-admin-lag";

  /** The user docker/compose.secure.yaml's topics-init applies topics.yaml as; no ACL here. */
  public static final String TOPICS = "kafka-admin-topics";

  public static final String NOBODY = "nobody";

  private static final ListenerName SASL_SSL = new ListenerName("SASL_SSL");
  private static final ListenerName MTLS = new ListenerName("MTLS");

  private static SecuredKafka shared;

  private final KafkaClusterTestKit kit;
  private final TestCertificates certificates;

  /** One cluster for every test class of the JVM that asks (started on first use). */
  public static synchronized SecuredKafka shared() {
    if (shared == null) {
      shared = start();
      SecuredKafka kafka = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    }
    return shared;
  }

  private SecuredKafka(KafkaClusterTestKit kit, TestCertificates certificates) {
    this.kit = kit;
    this.certificates = certificates;
  }

  /** Starts the cluster and creates every SCRAM user (password = {@link #password(String)}). */
  public static SecuredKafka start() {
    try {
      Path dir = Files.createTempDirectory("kafka-security-certs");
      TestCertificates certificates =
          TestCertificates.create(dir, "localhost", PRODUCER, CONSUMER, ADMIN);
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
              new TestKitNodes.Builder()
                  .setCombined(true)
                  .setNumBrokerNodes(1)
                  .setNumControllerNodes(1)
                  .build());
      brokerProperties(certificates).forEach(builder::setConfigProp);
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      SecuredKafka kafka = new SecuredKafka(kit, certificates);
      kafka.createUsers(ADMIN, PRODUCER, CONSUMER, REPLAY, LAG, TOPICS, NOBODY);
      return kafka;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the certificate directory", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the secured cluster", e);
    }
  }

  private static Map<String, String> brokerProperties(TestCertificates certificates) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(
        "listeners",
        "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_SSL://localhost:0,MTLS://localhost:0");
    props.put(
        "listener.security.protocol.map",
        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", "User:ANONYMOUS;User:" + ADMIN);
    props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    props.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", certificates.keyStore("localhost").toString());
    props.put("ssl.keystore.password", TestCertificates.PASSWORD);
    props.put("ssl.key.password", TestCertificates.PASSWORD);
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", certificates.trustStore().toString());
    props.put("ssl.truststore.password", TestCertificates.PASSWORD);
    props.put("listener.name.mtls.ssl.client.auth", "required");
    props.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+),.*$/$1/,DEFAULT");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    return props;
  }

  private void createUsers(String... users) throws Exception {
    try (Admin admin = Admin.create(superUserProperties())) {
      admin
          .alterUserScramCredentials(
              Arrays.stream(users)
                  .map(
                      user ->
                          (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
                              new UserScramCredentialUpsertion(
                                  user,
                                  new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                  password(user)))
                  .toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin
                      .describeUserScramCredentials()
                      .users()
                      .get(10, TimeUnit.SECONDS)
                      .containsAll(List.of(users)));
    }
  }

  /**
   * Applies admin-tools/topics.yaml (from a sibling module's directory, as Maven runs tests), so
   * that the services' tests run with exactly the ACLs that ship.
   */
  public void applyShippedTopicsFile() {
    applyTopicsFile(Path.of("../admin-tools/topics.yaml"));
  }

  /** Applies a topics file (topics and ACLs) with kafka-admin as the super user, RF 1. */
  public void applyTopicsFile(Path file) {
    try {
      Path config =
          write(superUserProperties(), Files.createTempFile("kafka-security-super", ".properties"));
      CliRun run =
          CliRun.run(
              "topics",
              "apply",
              "-f",
              file.toString(),
              "--replication-factor-override",
              "1",
              "--command-config",
              config.toString());
      if (run.exitCode() != 0) {
        throw new IllegalStateException("kafka-admin topics apply failed: " + run);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the super user's client properties", e);
    }
  }

  public static String password(String user) {
    return user + "-secret";
  }

  /** host:port of the SASL_SSL (SCRAM-SHA-512) listener. */
  public String saslSslBootstrap() {
    return "localhost:" + kit.brokers().get(0).boundPort(SASL_SSL);
  }

  /** host:port of the mutual-TLS listener. */
  public String mtlsBootstrap() {
    return "localhost:" + kit.brokers().get(0).boundPort(MTLS);
  }

  /** The internal plaintext listener; its anonymous principal is a super user (set-up only). */
  public String superUserBootstrap() {
    return kit.bootstrapServers();
  }

  /** Client properties for the internal plaintext listener (super user, set-up only). */
  public Properties superUserProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, superUserBootstrap());
    return props;
  }

  /** Client properties for {@code user} over SASL_SSL with SCRAM-SHA-512. */
  public Properties saslSsl(String user) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslSslBootstrap());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    props.put("sasl.mechanism", "SCRAM-SHA-512");
    props.put("sasl.jaas.config", jaasConfig(user));
    props.putAll(trust());
    return props;
  }

  /** Client properties for the certificate of {@code user} over mutual TLS. */
  public Properties mtls(String user) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, mtlsBootstrap());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    props.putAll(trust());
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", certificates.keyStore(user).toString());
    props.put("ssl.keystore.password", TestCertificates.PASSWORD);
    props.put("ssl.key.password", TestCertificates.PASSWORD);
    return props;
  }

  /**
   * The Spring Boot properties a service needs to reach the SASL_SSL listener as {@code user}: the
   * set docs/operations.md documents, by name, for a test's property source.
   */
  public Map<String, String> springSaslSsl(String user) {
    Map<String, String> props = springTrust(saslSslBootstrap(), "SASL_SSL");
    props.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
    props.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(user));
    return props;
  }

  /**
   * The Spring Boot properties a service needs to reach the mutual-TLS listener as {@code user}.
   */
  public Map<String, String> springMtls(String user) {
    Map<String, String> props = springTrust(mtlsBootstrap(), "SSL");
    props.put("spring.kafka.ssl.key-store-location", "file:" + certificates.keyStore(user));
    props.put("spring.kafka.ssl.key-store-password", TestCertificates.PASSWORD);
    props.put("spring.kafka.ssl.key-password", TestCertificates.PASSWORD);
    props.put("spring.kafka.ssl.key-store-type", "PKCS12");
    return props;
  }

  private Map<String, String> springTrust(String bootstrap, String protocol) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("spring.kafka.bootstrap-servers", bootstrap);
    props.put("spring.kafka.security.protocol", protocol);
    props.put("spring.kafka.ssl.trust-store-location", "file:" + certificates.trustStore());
    props.put("spring.kafka.ssl.trust-store-password", TestCertificates.PASSWORD);
    props.put("spring.kafka.ssl.trust-store-type", "PKCS12");
    return props;
  }

  /** Writes {@code props} as a client properties file (e.g. for {@code --command-config}). */
  public static Path write(Properties props, Path file) {
    String text =
        props.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  private static String jaasConfig(String user) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password(user)
        + "\";";
  }

  private Map<String, String> trust() {
    return Map.of(
        "ssl.truststore.type",
        "PKCS12",
        "ssl.truststore.location",
        certificates.trustStore().toString(),
        "ssl.truststore.password",
        TestCertificates.PASSWORD);
  }

  /** Names of every SCRAM user this cluster knows. */
  public static Set<String> users() {
    return Set.of(ADMIN, PRODUCER, CONSUMER, REPLAY, NOBODY);
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the secured cluster", e);
    }
  }
}
