package io.userevents.producer.security;

import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.producer.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * producer-service authenticated by its certificate (mutual TLS, CN=producer-service) through
 * {@code spring.kafka.ssl.key-store-*} alone, with the same shipped ACLs as over SCRAM.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
@AutoConfigureMockMvc
class KafkaMutualTlsIntegrationTests {

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void securedKafka(DynamicPropertyRegistry registry) {
    SecuredKafka kafka = SecuredKafka.shared();
    kafka.applyShippedTopicsFile();
    kafka
        .springMtls(SecuredKafka.PRODUCER)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwts::issuerUri);
    registry.add("userevents.security.audience", () -> TestJwts.AUDIENCE);
  }

  @Test
  void writesUserEventsAuthenticatedByItsCertificate() throws Exception {
    SecuredWrites.createsAUserTheBrokerStores(mvc);
  }
}
