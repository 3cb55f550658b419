package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.model.kafka.CloudEventHeaders;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import io.userevents.producer.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UserIngestIntegrationTests extends IngestIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void createdUserIsOnTheTopicKeyedByUserIdWithExactFieldsAndCloudEventsHeaders() throws Exception {
    long before = System.currentTimeMillis();
    MvcResult result =
        mvc.perform(
                post("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .header("X-Correlation-Id", "corr-create-1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        """
                        {"username":"alice","email":"alice@example.com",
                         "metadata":{"source":"signup","tags":["a","b"],"n":1}}"""))
            .andExpect(status().isCreated())
            .andExpect(header().string("X-Correlation-Id", "corr-create-1"))
            .andExpect(jsonPath("$.eventType").value("USER_CREATED"))
            .andExpect(jsonPath("$.topic").value("user-events"))
            .andReturn();
    String body = result.getResponse().getContentAsString();
    String userId = JsonPath.read(body, "$.userId");
    String eventId = JsonPath.read(body, "$.eventId");
    int partition = JsonPath.read(body, "$.partition");
    long offset = ((Number) JsonPath.read(body, "$.offset")).longValue();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/users/" + userId);
    assertThat(UUID.fromString(userId).version()).as("a new, time-ordered user id").isEqualTo(7);
    assertThat(UUID.fromString(eventId).version()).as("a new, time-ordered event id").isEqualTo(7);

    ConsumerRecord<String, byte[]> record = topic().at(partition, offset);

    assertThat(record.key()).isEqualTo(userId);
    JsonNode value = JSON.readTree(record.value());
    assertThat(fieldNames(value))
        .containsExactly(
            "eventId",
            "eventType",
            "userId",
            "username",
            "email",
            "timestamp",
            "metadata",
            "schemaVersion",
            "correlationId");
    assertThat(value.get("eventId").asString()).isEqualTo(eventId);
    assertThat(value.get("eventType").asString()).isEqualTo("USER_CREATED");
    assertThat(value.get("userId").asString()).isEqualTo(userId);
    assertThat(value.get("username").asString()).isEqualTo("alice");
    assertThat(value.get("email").asString()).isEqualTo("alice@example.com");
    assertThat(value.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
    assertThat(value.get("metadata").toString())
        .isEqualTo("{\"source\":\"signup\",\"tags\":[\"a\",\"b\"],\"n\":1}");
    assertThat(value.get("schemaVersion").asInt()).isEqualTo(UserEvent.CURRENT_SCHEMA_VERSION);
    assertThat(value.get("correlationId").asString()).isEqualTo("corr-create-1");

    UserEvent event = UserEventCodec.create().decode(record.value());
    assertThat(TopicReader.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
    assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(TopicReader.header(record, CloudEventHeaders.TYPE))
        .isEqualTo("io.userevents.user.created");
    assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE))
        .isEqualTo("urn:io.userevents:producer-service");
    assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(userId);
    assertThat(TopicReader.header(record, CloudEventHeaders.TIME))
        .isEqualTo(Instant.ofEpochMilli(event.timestamp()).toString());
    assertThat(TopicReader.header(record, CloudEventHeaders.DATA_SCHEMA))
        .isEqualTo(CloudEventHeaders.CURRENT_DATA_SCHEMA);
    assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE))
        .isEqualTo("application/json");
    assertThat(TopicReader.header(record, "__TypeId__")).isNull();
  }

  @Test
  void topicIsCreatedAtStartUpWithTheConfiguredPartitions() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      TopicDescription topic =
          admin.describeTopics(List.of("user-events")).allTopicNames().get().get("user-events");

      assertThat(topic.partitions()).hasSize(3);
    }
  }

  @Test
  void updateAndDeleteAnswer202WithReceiptsOfRecordsKeyedByThePathUserId() throws Exception {
    MvcResult updated =
        mvc.perform(
                put("/api/users/user-42")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"bob.smith\",\"email\":\"bob@example.org\"}"))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.eventType").value("USER_UPDATED"))
            .andExpect(jsonPath("$.userId").value("user-42"))
            .andReturn();
    MvcResult deleted =
        mvc.perform(
                delete("/api/users/user-42")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader()))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.eventType").value("USER_DELETED"))
            .andReturn();

    ConsumerRecord<String, byte[]> update = recordOf(updated);
    ConsumerRecord<String, byte[]> removal = recordOf(deleted);

    assertThat(update.key()).isEqualTo("user-42");
    assertThat(removal.key()).isEqualTo("user-42");
    assertThat(update.partition()).isEqualTo(removal.partition());
    assertThat(removal.offset()).isGreaterThan(update.offset());
    UserEvent deletion = UserEventCodec.create().decode(removal.value());
    assertThat(deletion.username()).isNull();
    assertThat(deletion.email()).isNull();
    assertThat(TopicReader.header(removal, CloudEventHeaders.TYPE))
        .isEqualTo("io.userevents.user.deleted");
  }

  @Test
  void carriesTraceIdOfTraceparentIntoCorrelationIdWhenNoCorrelationIdIsSent() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    MvcResult result =
        mvc.perform(
                post("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"tracy\",\"email\":\"tracy@example.com\"}"))
            .andExpect(status().isCreated())
            .andExpect(header().string("X-Correlation-Id", traceId))
            .andReturn();

    UserEvent event = UserEventCodec.create().decode(recordOf(result).value());

    assertThat(event.correlationId()).isEqualTo(traceId);
  }

  @Test
  void givesEveryRequestACorrelationIdWhenTheClientSendsNone() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"nobody\",\"email\":\"nobody@example.com\"}"))
            .andExpect(status().isCreated())
            .andReturn();
    String echoed = result.getResponse().getHeader("X-Correlation-Id");

    UserEvent event = UserEventCodec.create().decode(recordOf(result).value());

    assertThat(echoed).isNotBlank();
    assertThat(event.correlationId()).isEqualTo(echoed);
  }

  private ConsumerRecord<String, byte[]> recordOf(MvcResult result) throws Exception {
    String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    Map<String, Object> receipt = JsonPath.read(body, "$");
    return topic()
        .at((Integer) receipt.get("partition"), ((Number) receipt.get("offset")).longValue());
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    return node.propertyNames().stream().toList();
  }
}
