package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The README's local run, end to end: the launcher's in-process broker and both service jars; a
 * user created on the producer appears in the consumer's API.
 */
@ExtendWith(RunningStackExtension.class)
class LocalStackEndToEndIntegrationTests {

  @Test
  void userCreatedOnTheProducerAppearsInTheConsumerApi(PipelineStack stack) {
    PipelineClient client = PipelineClient.of(stack);

    long start = System.nanoTime();
    JsonNode receipt = client.createUser("ada_lovelace", "ada@example.com");
    JsonNode user = client.awaitUser(receipt.get("userId").asString());
    Duration visibleAfter = Duration.ofNanos(System.nanoTime() - start);

    assertThat(receipt.get("eventType").asString()).isEqualTo("USER_CREATED");
    assertThat(receipt.get("topic").asString()).isEqualTo("user-events");
    assertThat(user.get("userId").asString()).isEqualTo(receipt.get("userId").asString());
    assertThat(user.get("username").asString()).isEqualTo("ada_lovelace");
    System.out.printf(
        "local-stack: POST /api/users -> visible in GET /api/users/{id} after %d ms%n",
        visibleAfter.toMillis());
  }
}
