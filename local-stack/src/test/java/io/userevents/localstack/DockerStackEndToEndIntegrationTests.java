package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

/**
 * The production-like flow on Docker: the same apache/kafka and postgres images as
 * docker/compose.yaml, both service jars against them, POST on the producer then GET on the
 * consumer. Skipped (reported as such by JUnit) where no Docker engine is reachable; {@link
 * LocalStackEndToEndIntegrationTests} runs the same flow on the embedded broker everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerStackEndToEndIntegrationTests {

  private static final ComposeFile COMPOSE = ComposeFile.load();

  @Container
  static final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(image("kafka")));

  @Container
  static final PostgreSQLContainer postgres =
      new PostgreSQLContainer(DockerImageName.parse(image("postgres")))
          .withDatabaseName("userevents")
          .withUsername("userevents")
          .withPassword("userevents");

  @TempDir static Path workDir;

  private static ServiceProcess producer;
  private static ServiceProcess consumer;
  private static PipelineClient client;

  @BeforeAll
  static void startServices() throws Exception {
    TopicInitializer.createMissing(kafka.getBootstrapServers(), PipelineStack.TOPICS);
    int producerPort = FreePorts.next();
    int consumerPort = FreePorts.next();
    ServiceSpec producerSpec =
        PipelineStack.producerSpec(
            RepoFiles.repoDir(),
            workDir.resolve("producer"),
            producerPort,
            FreePorts.next(),
            kafka.getBootstrapServers(),
            List.of());
    ServiceSpec consumerSpec =
        PipelineStack.consumerSpec(
            RepoFiles.repoDir(),
            workDir.resolve("consumer"),
            consumerPort,
            FreePorts.next(),
            kafka.getBootstrapServers(),
            List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl(),
                "--spring.datasource.username=" + postgres.getUsername(),
                "--spring.datasource.password=" + postgres.getPassword()));
    producer = producerSpec.start(workDir.resolve("logs"));
    consumer = consumerSpec.start(workDir.resolve("logs"));
    producer.awaitReady(Duration.ofMinutes(3));
    consumer.awaitReady(Duration.ofMinutes(3));
    client = new PipelineClient(producerPort, consumerPort);
  }

  @AfterAll
  static void stopServices() {
    if (consumer != null) {
      consumer.close();
    }
    if (producer != null) {
      producer.close();
    }
  }

  @Test
  void userCreatedOnTheProducerAppearsInTheConsumerApiBackedByPostgres() {
    JsonNode receipt = client.createUser("katherine_johnson", "katherine@example.com");

    JsonNode user = client.awaitUser(receipt.get("userId").asString());

    assertThat(user.get("username").asString()).isEqualTo("katherine_johnson");
  }

  private static String image(String service) {
    return COMPOSE.service(service).get("image").toString();
  }
}
