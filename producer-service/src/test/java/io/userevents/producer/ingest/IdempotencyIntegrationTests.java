package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class IdempotencyIntegrationTests extends IngestIntegrationTest {

  @Test
  void twoIdenticalCreatesWithOneKeyYieldOneEventOnTheTopic() throws Exception {
    String key = "create-" + UUID.randomUUID();
    String marker = "idem" + Math.abs(key.hashCode());
    String body = "{\"username\":\"" + marker + "\",\"email\":\"i@example.com\"}";

    MvcResult first = create(key, body).andExpect(status().isCreated()).andReturn();
    MvcResult second =
        create(key, body)
            .andExpect(status().isCreated())
            .andExpect(header().string(UserController.REPLAYED_HEADER, "true"))
            .andReturn();

    String firstBody = first.getResponse().getContentAsString();
    assertThat(second.getResponse().getContentAsString()).isEqualTo(firstBody);
    assertThat(second.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo(first.getResponse().getHeader(HttpHeaders.LOCATION));
    assertThat(topic().valuesContaining("\"username\":\"" + marker + "\"")).hasSize(1);
  }

  @Test
  void eventAndUserIdsAreDerivedFromTheKeySoEveryInstanceDerivesTheSame() throws Exception {
    String key = "derived-" + UUID.randomUUID();
    String body = "{\"username\":\"derived\",\"email\":\"d@example.com\"}";

    MvcResult result = create(key, body).andExpect(status().isCreated()).andReturn();

    String eventId = JsonPath.read(result.getResponse().getContentAsString(), "$.eventId");
    String userId = JsonPath.read(result.getResponse().getContentAsString(), "$.userId");
    String scope = TestJwts.SUBJECT + " POST /api/users";
    assertThat(eventId).isEqualTo(new IdempotencyKey(scope, key, "any").eventId());
    assertThat(userId).isEqualTo(new IdempotencyKey(scope, key, "other").userId());
  }

  @Test
  void sameKeyWithADifferentBodyIs422Problem() throws Exception {
    String key = "conflict-" + UUID.randomUUID();
    create(key, "{\"username\":\"carol\",\"email\":\"c@example.com\"}")
        .andExpect(status().isCreated());

    create(key, "{\"username\":\"carol\",\"email\":\"other@example.com\"}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/idempotency-conflict"));
  }

  @Test
  void keyIsScopedToMethodAndPath() throws Exception {
    String key = "scoped-" + UUID.randomUUID();

    MvcResult one =
        mvc.perform(
                delete("/api/users/scoped-1")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .header(IdempotencyKey.HEADER, key))
            .andExpect(status().isAccepted())
            .andReturn();
    MvcResult two =
        mvc.perform(
                delete("/api/users/scoped-2")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .header(IdempotencyKey.HEADER, key))
            .andExpect(status().isAccepted())
            .andReturn();

    assertThat((String) JsonPath.read(one.getResponse().getContentAsString(), "$.eventId"))
        .isNotEqualTo(JsonPath.read(two.getResponse().getContentAsString(), "$.eventId"));
  }

  @Test
  void keyIsScopedToTheCallerSoTwoClientsPickingTheSameKeyGetTwoEvents() throws Exception {
    String key = "shared-" + UUID.randomUUID();
    String marker = "twoclients" + Math.abs(key.hashCode());
    String body = "{\"username\":\"" + marker + "\",\"email\":\"t@example.com\"}";

    MvcResult mine = create(key, body).andExpect(status().isCreated()).andReturn();
    MvcResult theirs =
        mvc.perform(
                post("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader("another-client"))
                    .header(IdempotencyKey.HEADER, key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(status().isCreated())
            .andExpect(header().doesNotExist(UserController.REPLAYED_HEADER))
            .andReturn();

    String myBody = mine.getResponse().getContentAsString();
    String theirBody = theirs.getResponse().getContentAsString();
    assertThat((String) JsonPath.read(theirBody, "$.eventId"))
        .isNotEqualTo(JsonPath.read(myBody, "$.eventId"));
    assertThat((String) JsonPath.read(theirBody, "$.userId"))
        .isNotEqualTo(JsonPath.read(myBody, "$.userId"));
    assertThat(topic().valuesContaining("\"username\":\"" + marker + "\"")).hasSize(2);
  }

  @Test
  void malformedKeyIs400NamingTheHeader() throws Exception {
    create("bad key with spaces", "{\"username\":\"carol\",\"email\":\"c@example.com\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value(IdempotencyKey.HEADER));
  }

  private org.springframework.test.web.servlet.ResultActions create(String key, String body)
      throws Exception {
    return mvc.perform(
        post("/api/users")
            .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
            .header(IdempotencyKey.HEADER, key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
