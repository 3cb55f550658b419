package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class BulkIngestIntegrationTests extends IngestIntegrationTest {

  private static final UserEventCodec CODEC = UserEventCodec.create();

  @Test
  void allValidItemsAre200WithAPartitionAndOffsetEach() throws Exception {
    String marker = marker();
    String body =
        "["
            + json(UserEvent.created("bulk-a-" + marker, "anna", "anna@example.com", Map.of()))
            + ","
            + json(UserEvent.updated("bulk-b-" + marker, "bert", "bert@example.com", Map.of()))
            + ","
            + json(UserEvent.deleted("bulk-c-" + marker, Map.of()))
            + "]";

    bulk(MediaType.APPLICATION_JSON, body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(3))
        .andExpect(jsonPath("$.rejected").value(0))
        .andExpect(jsonPath("$.failed").value(0))
        .andExpect(jsonPath("$.results[0].index").value(0))
        .andExpect(jsonPath("$.results[0].status").value(201))
        .andExpect(jsonPath("$.results[2].outcome").value("accepted"))
        .andExpect(jsonPath("$.results[2].offset").isNumber());

    assertThat(topic().valuesContaining(marker)).hasSize(3);
  }

  @Test
  void mixedItemsAre207WithPerItemResultsAndOnlyValidOnesOnTheTopic() throws Exception {
    String marker = marker();
    UserEvent first = UserEvent.created("mixed-1-" + marker, "first", "f@example.com", Map.of());
    UserEvent last = UserEvent.deleted("mixed-5-" + marker, Map.of());
    String body =
        "["
            + json(first)
            + ",{\"eventId\":\"e\",\"eventType\":\"USER_CREATED\",\"userId\":\"mixed-2-"
            + marker
            + "\",\"username\":\"x\",\"email\":\"x@example.com\",\"timestamp\":1}"
            + ",42"
            + ",{\"eventId\":\"e2\",\"eventType\":\"USER_EXPLODED\",\"userId\":\"mixed-4-"
            + marker
            + "\",\"timestamp\":1}"
            + ","
            + json(last)
            + "]";

    bulk(MediaType.APPLICATION_JSON, body)
        .andExpect(status().isMultiStatus())
        .andExpect(jsonPath("$.accepted").value(2))
        .andExpect(jsonPath("$.rejected").value(3))
        .andExpect(jsonPath("$.failed").value(0))
        .andExpect(jsonPath("$.results.length()").value(5))
        .andExpect(jsonPath("$.results[0].status").value(201))
        .andExpect(jsonPath("$.results[0].eventId").value(first.eventId()))
        .andExpect(jsonPath("$.results[1].status").value(400))
        .andExpect(jsonPath("$.results[1].outcome").value("rejected"))
        .andExpect(
            jsonPath("$.results[1].problem.type")
                .value("https://userevents.io/problems/validation"))
        .andExpect(jsonPath("$.results[1].problem.errors[0].field").value("username"))
        .andExpect(jsonPath("$.results[2].status").value(400))
        .andExpect(
            jsonPath("$.results[2].problem.type")
                .value("https://userevents.io/problems/malformed-request"))
        .andExpect(jsonPath("$.results[3].problem.errors[0].field").value("eventType"))
        .andExpect(jsonPath("$.results[4].status").value(201))
        .andExpect(jsonPath("$.results[4].partition").isNumber());

    assertThat(topic().valuesContaining(marker))
        .hasSize(2)
        .allSatisfy(
            value -> assertThat(CODEC.decode(value).userId()).isIn(first.userId(), last.userId()));
  }

  @Test
  void itemsFromTheFutureOrWithUnpairedSurrogatesInIdsAre400AndNotSent() throws Exception {
    String marker = marker();
    UserEvent future =
        UserEvent.created("future-" + marker, "fred", "fred@example.com", Map.of())
            .withTimestamp(System.currentTimeMillis() + 120_000);
    UserEvent year9999 =
        UserEvent.deleted("y9999-" + marker, Map.of()).withTimestamp(UserEvent.MAX_TIMESTAMP);
    String surrogate =
        "{\"eventId\":\"e-\\ud800\",\"eventType\":\"USER_DELETED\",\"userId\":\"s-"
            + marker
            + "\",\"timestamp\":1}";

    bulk(
            MediaType.APPLICATION_JSON,
            "[" + json(future) + "," + json(year9999) + "," + surrogate + "]")
        .andExpect(jsonPath("$.accepted").value(0))
        .andExpect(jsonPath("$.rejected").value(3))
        .andExpect(jsonPath("$.results[0].status").value(400))
        .andExpect(
            jsonPath("$.results[0].problem.type")
                .value("https://userevents.io/problems/validation"))
        .andExpect(jsonPath("$.results[0].problem.errors[0].field").value("timestamp"))
        .andExpect(jsonPath("$.results[1].problem.errors[0].field").value("timestamp"))
        .andExpect(jsonPath("$.results[2].status").value(400))
        .andExpect(jsonPath("$.results[2].problem.errors[0].field").value("eventId"));

    assertThat(topic().valuesContaining(marker)).isEmpty();
  }

  @Test
  void ndjsonIsReadLineByLineSkippingBlankLines() throws Exception {
    String marker = marker();
    String body =
        json(UserEvent.created("nd-1-" + marker, "nina", "nina@example.com", Map.of()))
            + "\r\n\n"
            + "{not json}\n"
            + json(UserEvent.deleted("nd-3-" + marker, Map.of()))
            + "\n";

    bulk(MediaType.valueOf("application/x-ndjson"), body)
        .andExpect(status().isMultiStatus())
        .andExpect(jsonPath("$.results.length()").value(3))
        .andExpect(jsonPath("$.results[0].status").value(201))
        .andExpect(jsonPath("$.results[1].status").value(400))
        .andExpect(jsonPath("$.results[2].status").value(201));

    assertThat(topic().valuesContaining(marker)).hasSize(2);
  }

  @Test
  void itemsWithoutCorrelationIdGetTheRequestOne() throws Exception {
    String marker = marker();
    UserEvent event = UserEvent.created("corr-" + marker, "cora", "cora@example.com", Map.of());

    mvc.perform(
            post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                .header("X-Correlation-Id", "bulk-corr-" + marker)
                .contentType(MediaType.APPLICATION_JSON)
                .content("[" + json(event) + "]"))
        .andExpect(status().isOk());

    assertThat(topic().valuesContaining(marker))
        .singleElement()
        .satisfies(
            value ->
                assertThat(CODEC.decode(value).correlationId()).isEqualTo("bulk-corr-" + marker));
  }

  @Test
  void bodyThatIsNotAnArrayIs400AndNothingIsSent() throws Exception {
    String marker = marker();
    bulk(
            MediaType.APPLICATION_JSON,
            json(UserEvent.created("obj-" + marker, "olga", "olga@example.com", Map.of())))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/malformed-request"));

    assertThat(topic().valuesContaining(marker)).isEmpty();
  }

  @Test
  void brokenArraySyntaxIs400AndNothingIsSent() throws Exception {
    String marker = marker();
    bulk(
            MediaType.APPLICATION_JSON,
            "["
                + json(UserEvent.created("brk-" + marker, "bea", "bea@example.com", Map.of()))
                + ",{\"a\":")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/malformed-request"));

    assertThat(topic().valuesContaining(marker)).isEmpty();
  }

  @Test
  void emptyArrayIs400() throws Exception {
    bulk(MediaType.APPLICATION_JSON, "[]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/malformed-request"));
  }

  @Test
  void repeatedBulkWithTheSameIdempotencyKeyReturnsTheOriginalResults() throws Exception {
    String marker = marker();
    String body =
        "[" + json(UserEvent.created("idem-" + marker, "ida", "ida@example.com", Map.of())) + "]";
    String key = "bulk-" + marker;

    String first =
        bulkWithKey(key, body)
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    bulkWithKey(key, body)
        .andExpect(status().isOk())
        .andExpect(header().string(UserController.REPLAYED_HEADER, "true"))
        .andExpect(content().json(first));

    assertThat(topic().valuesContaining(marker)).hasSize(1);
  }

  private ResultActions bulk(MediaType type, String body) throws Exception {
    return mvc.perform(
        post("/api/events")
            .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
            .contentType(type)
            .content(body));
  }

  private ResultActions bulkWithKey(String key, String body) throws Exception {
    return mvc.perform(
        post("/api/events")
            .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
            .header(IdempotencyKey.HEADER, key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static String json(UserEvent event) {
    return CODEC.encodeToString(event);
  }

  private static String marker() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
