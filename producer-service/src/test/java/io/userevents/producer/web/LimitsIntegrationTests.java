package io.userevents.producer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The edges of every configured limit (this context: body 16KB, bulk 50 items / 256KB, metadata 8
 * entries / 1024 characters, email 100, ids 64, headers 8KB): at the limit is accepted, one over is
 * refused with 413 or 400.
 */
class LimitsIntegrationTests extends IngestIntegrationTest {

  private static final int BODY_LIMIT = 16 * 1024;
  private static final int BULK_BODY_LIMIT = 256 * 1024;

  @Test
  void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIs413() throws Exception {
    String user = "{\"username\":\"edge\",\"email\":\"edge@example.com\"}";

    createUser(padTo(user, BODY_LIMIT)).andExpect(status().isCreated());
    createUser(padTo(user, BODY_LIMIT + 1))
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/payload-too-large"));
  }

  @Test
  void bulkOfExactlyTheItemLimitIsAcceptedAndOneMoreIs413() throws Exception {
    bulk(events(50)).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(50));
    bulk(events(51))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.detail").value("A bulk request may carry at most 50 events"));
  }

  @Test
  void bulkBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIs413() throws Exception {
    bulk(padTo(events(2), BULK_BODY_LIMIT)).andExpect(status().isOk());
    bulk(padTo(events(2), BULK_BODY_LIMIT + 1)).andExpect(status().isContentTooLarge());
  }

  @Test
  void metadataEntriesAtTheLimitAreAcceptedAndOneMoreIs400() throws Exception {
    createUser(userWithMetadata(entries(8))).andExpect(status().isCreated());
    createUser(userWithMetadata(entries(9)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("metadata"))
        .andExpect(jsonPath("$.errors[0].message").value("must have at most 8 entries"));
  }

  @Test
  void metadataSizeAtTheLimitIsAcceptedAndOneCharacterMoreIs400() throws Exception {
    createUser(userWithMetadata("{\"k\":\"" + "v".repeat(1023) + "\"}"))
        .andExpect(status().isCreated());
    createUser(userWithMetadata("{\"k\":\"" + "v".repeat(1024) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("metadata"));
  }

  @Test
  void emailOfExactlyTheLimitIsAcceptedAndOneCharacterMoreIs400() throws Exception {
    createUser(userWithEmail(email(100))).andExpect(status().isCreated());
    createUser(userWithEmail(email(101)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("email"));
  }

  @Test
  void userIdOfExactlyTheLimitIsAcceptedAndOneCharacterMoreIs400() throws Exception {
    update("u".repeat(64)).andExpect(status().isAccepted());
    update("u".repeat(65))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("userId"));
  }

  @Test
  void idempotencyKeyOfExactlyTheLimitIsAcceptedAndOneCharacterMoreIs400() throws Exception {
    String user = "{\"username\":\"keyed\",\"email\":\"keyed@example.com\"}";
    mvc.perform(
            authorized(post("/api/users"))
                .header("Idempotency-Key", "k".repeat(64))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().isCreated());
    mvc.perform(
            authorized(post("/api/users"))
                .header("Idempotency-Key", "k".repeat(65))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
  }

  @Test
  void headersOverTheLimitAre431Problem() throws Exception {
    String user = "{\"username\":\"headers\",\"email\":\"headers@example.com\"}";
    mvc.perform(
            authorized(post("/api/users"))
                .header("X-Padding", "p".repeat(4 * 1024))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().isCreated());
    mvc.perform(
            authorized(post("/api/users"))
                .header("X-Padding", "p".repeat(8 * 1024))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().is(431))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://userevents.io/problems/request-headers-too-large"));
  }

  @Test
  void hugeDeclaredBodyIs413WithoutBeingRead() {
    byte[] huge = new byte[2 * 1024 * 1024];
    HttpResponse<String> response =
        Http.send(
            port,
            "POST",
            "/api/events",
            Map.of("Authorization", TestJwts.writerHeader(), "Content-Type", "application/json"),
            huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
  }

  private ResultActions createUser(String body) throws Exception {
    return mvc.perform(
        authorized(post("/api/users")).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions update(String userId) throws Exception {
    return mvc.perform(
        authorized(put("/api/users/{id}", userId))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"upd\",\"email\":\"upd@example.com\"}"));
  }

  private ResultActions bulk(String body) throws Exception {
    return mvc.perform(
        authorized(post("/api/events")).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder
      authorized(
          org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) {
    return request.header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader());
  }

  /** Pads a JSON document with trailing spaces to exactly {@code size} bytes. */
  private static String padTo(String json, int size) {
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    assertThat(length).isLessThanOrEqualTo(size);
    return json + " ".repeat(size - length);
  }

  private static String events(int count) {
    StringJoiner array = new StringJoiner(",", "[", "]");
    for (int i = 0; i < count; i++) {
      array.add(
          UserEventCodec.create()
              .encodeToString(
                  UserEvent.created("limit-" + i, "limit" + i, "l@example.com", Map.of())));
    }
    return array.toString();
  }

  private static String entries(int count) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      metadata.put("k" + i, i);
    }
    StringJoiner json = new StringJoiner(",", "{", "}");
    metadata.forEach((k, v) -> json.add("\"" + k + "\":" + v));
    return json.toString();
  }

  private static String userWithMetadata(String metadata) {
    return "{\"username\":\"meta\",\"email\":\"meta@example.com\",\"metadata\":" + metadata + "}";
  }

  private static String userWithEmail(String email) {
    return "{\"username\":\"mail\",\"email\":\"" + email + "\"}";
  }

  /** A valid address of exactly {@code length} characters. */
  private static String email(int length) {
    String local = "l".repeat(40);
    String tld = ".com";
    int domain = length - local.length() - 1 - tld.length();
    String label = "d".repeat(Math.min(domain, 60));
    String rest = domain > 60 ? "." + "e".repeat(domain - 61) : "";
    String address = local + "@" + label + rest + tld;
    assertThat(address).hasSize(length);
    return address;
  }
}
