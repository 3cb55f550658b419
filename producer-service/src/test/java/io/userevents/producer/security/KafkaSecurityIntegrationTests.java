package io.userevents.producer.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.producer.support.TestJwts;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * producer-service against a KRaft broker with SASL_SSL (SCRAM-SHA-512) and the standard
 * authorizer, configured only through the documented {@code spring.kafka.*} properties, with the
 * ACLs of admin-tools/topics.yaml and nothing more.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
@AutoConfigureMockMvc
class KafkaSecurityIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TOPIC = "user-events";
  private static final AclBinding WRITE =
      new AclBinding(
          new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
          new AccessControlEntry(
              "User:" + SecuredKafka.PRODUCER, "*", AclOperation.WRITE, AclPermissionType.ALLOW));

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void securedKafka(DynamicPropertyRegistry registry) {
    SecuredKafka kafka = SecuredKafka.shared();
    kafka.applyShippedTopicsFile();
    kafka
        .springSaslSsl(SecuredKafka.PRODUCER)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwts::issuerUri);
    registry.add("userevents.security.audience", () -> TestJwts.AUDIENCE);
  }

  @Test
  void writesUserEventsOverSaslSslWithTheShippedAcls() throws Exception {
    SecuredWrites.createsAUserTheBrokerStores(mvc);
  }

  @Test
  void theProducersPrincipalCannotReadUserEvents() {
    Properties props = SecuredKafka.shared().saslSsl(SecuredKafka.PRODUCER);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(List.of(new TopicPartition(TOPIC, 0)));

      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void answers500BrokerRefusedWhenItsPrincipalHasNoWriteAcl() throws Exception {
    try (Admin admin = Admin.create(SecuredKafka.shared().superUserProperties())) {
      admin.deleteAcls(List.of(WRITE.toFilter())).all().get(30, TimeUnit.SECONDS);
      try {
        await().atMost(PATIENCE).until(() -> !acls(admin).contains(WRITE));

        mvc.perform(SecuredWrites.createUser())
            .andExpect(status().isInternalServerError())
            .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/broker-refused")));
      } finally {
        admin.createAcls(List.of(WRITE)).all().get(30, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> acls(admin).contains(WRITE));
      }
    }
  }

  private static List<AclBinding> acls(Admin admin) throws Exception {
    return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
  }
}
