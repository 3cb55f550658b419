package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.KafkaTestClient;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.TestJwt;
import io.userevents.model.UserEvent;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * consumer-service authenticated by its certificate (mutual TLS): only the documented {@code
 * spring.kafka.security.protocol=SSL}, {@code spring.kafka.ssl.trust-store-*} and {@code
 * .key-store-*} properties, no SASL property; the broker maps CN=consumer-service to {@code
 * User:consumer-service} ({@code ssl.principal.mapping.rules}), the principal
 * admin-tools/topics.yaml grants its ACLs to, and nothing more.
 *
 * <p>Its own context and database. The SASL_SSL context of {@link SecuredConsumerTest} reads the
 * same group on the same broker; Spring's context cache pauses an inactive context (its listener
 * leaves the group), and each test first waits until this context's listener holds every partition
 * of user-events, so what is applied or dead-lettered here went through this context's clients.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:consumer-kafka-mtls;DB_CLOSE_DELAY=-1;"
          + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
      "management.server.port=0"
    })
class KafkaMutualTlsIntegrationTests {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOPIC = "user-events";
  private static final String DEAD_LETTER_TOPIC = "user-events-dlt";

  @LocalServerPort int port;
  @Autowired KafkaListenerEndpointRegistry listeners;

  KafkaTestClient superUser;

  @DynamicPropertySource
  static void mutualTls(DynamicPropertyRegistry registry) {
    SecuredKafka kafka = SecuredKafka.shared();
    kafka.applyShippedTopicsFile();
    kafka
        .springMtls(SecuredKafka.CONSUMER)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwt::issuerUri);
    registry.add("userevents.security.audience", () -> TestJwt.AUDIENCE);
  }

  @BeforeEach
  void awaitEveryPartitionOfUserEventsAssignedToThisContext() {
    superUser = new KafkaTestClient(SecuredKafka.shared().superUserBootstrap());
    Set<TopicPartition> all =
        Set.of(
            new TopicPartition(TOPIC, 0),
            new TopicPartition(TOPIC, 1),
            new TopicPartition(TOPIC, 2));
    await().atMost(PATIENCE).until(this::assignedPartitions, all::equals);
  }

  @AfterEach
  void closeSuperUserClient() {
    superUser.close();
  }

  @Test
  void appliesUserEventsReadWithItsCertificateAndServesThemOnItsApi() {
    String userId = TestEvents.uniqueUserId("mtls");
    UserEvent created = TestEvents.created(userId, "mtls_user");

    superUser.send(TOPIC, created);

    HttpResponse<String> response =
        await()
            .atMost(PATIENCE)
            .until(
                () -> Http.get(port, "/api/users/" + userId, TestJwt.token("users:read")),
                r -> r.statusCode() != 404);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode user = Http.json(response);
    assertThat(user.get("userId").asString()).isEqualTo(userId);
    assertThat(user.get("username").asString()).isEqualTo("mtls_user");
    assertThat(user.get("lastEventId").asString()).isEqualTo(created.eventId());
  }

  @Test
  void writesPoisonPillsToTheDeadLetterTopicWithItsCertificate() {
    String userId = TestEvents.uniqueUserId("mtls-poison");
    byte[] badJson = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);

    RecordMetadata sent = superUser.send(TOPIC, userId, badJson);

    List<ConsumerRecord<String, byte[]>> dead =
        await().atMost(PATIENCE).until(() -> deadLetters(userId), list -> !list.isEmpty());
    assertThat(dead)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.value()).isEqualTo(badJson);
              assertThat(text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
              assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION).getInt())
                  .isEqualTo(sent.partition());
              assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET).getLong())
                  .isEqualTo(sent.offset());
              assertThat(text(record, "userevents_dlt-reason")).isEqualTo("MALFORMED_JSON");
            });
  }

  /** The certificate is the consumer's principal with the consumer's ACLs, not a super user. */
  @Test
  void theConsumersCertificateCannotWriteUserEvents() {
    Properties props = SecuredKafka.shared().mtls(SecuredKafka.CONSUMER);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    try (Producer<String, byte[]> producer = new KafkaProducer<>(props)) {
      Future<RecordMetadata> sent =
          producer.send(
              new ProducerRecord<>(TOPIC, "forged", "{}".getBytes(StandardCharsets.UTF_8)));

      assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  private Set<TopicPartition> assignedPartitions() {
    return listeners.getListenerContainers().stream()
        .map(MessageListenerContainer::getAssignedPartitions)
        .filter(Objects::nonNull)
        .flatMap(Collection::stream)
        .collect(Collectors.toSet());
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(String userId) {
    return superUser.readAll(DEAD_LETTER_TOPIC).stream()
        .filter(record -> userId.equals(record.key()))
        .toList();
  }

  private static String text(ConsumerRecord<?, ?> record, String name) {
    return StandardCharsets.UTF_8.decode(header(record, name)).toString();
  }

  /** A header's bytes; Spring writes the original partition and offset big-endian. */
  private static ByteBuffer header(ConsumerRecord<?, ?> record, String name) {
    return ByteBuffer.wrap(record.headers().lastHeader(name).value());
  }
}
