package io.userevents.consumer.security;

import static org.awaitility.Awaitility.await;

import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.support.KafkaTestClient;
import io.userevents.consumer.support.TestJwt;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The context the Kafka security tests share (Spring caches it): consumer-service against a KRaft
 * broker with SASL_SSL (SCRAM-SHA-512) and the standard authorizer, configured only through the
 * documented {@code spring.kafka.*} properties, with the ACLs of admin-tools/topics.yaml.
 *
 * <p>Retries start at 50 ms; the 2 s maximum is long enough that a back-off is told apart from
 * retrying at once (KafkaAclSystemicFailureIntegrationTests counts dead-letter attempts).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:consumer-kafka-security;DB_CLOSE_DELAY=-1;"
          + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
      "management.server.port=0",
      "userevents.consumer.retry.initial-interval=50ms",
      "userevents.consumer.retry.max-interval=2s",
      "userevents.consumer.retry.max-attempts=2"
    })
abstract class SecuredConsumerTest {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired DataSource dataSource;

  KafkaTestClient superUser;

  @DynamicPropertySource
  static void securedKafka(DynamicPropertyRegistry registry) {
    SecuredKafka kafka = SecuredKafka.shared();
    kafka.applyShippedTopicsFile();
    kafka
        .springSaslSsl(SecuredKafka.CONSUMER)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwt::issuerUri);
    registry.add("userevents.security.audience", () -> TestJwt.AUDIENCE);
  }

  @BeforeEach
  void openSuperUserClient() {
    superUser = new KafkaTestClient(SecuredKafka.shared().superUserBootstrap());
  }

  @AfterEach
  void closeSuperUserClient() {
    superUser.close();
  }

  UserRow awaitUser(String userId) {
    UserQueries users = ProjectionTestAccess.queries(dataSource);
    return await().atMost(PATIENCE).until(() -> users.find(userId).orElse(null), r -> r != null);
  }
}
