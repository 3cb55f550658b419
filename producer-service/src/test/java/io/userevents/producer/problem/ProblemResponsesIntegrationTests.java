package io.userevents.producer.problem;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Every client error is a problem with a stable type, never a 5xx. */
class ProblemResponsesIntegrationTests extends IngestIntegrationTest {

  private static final String BASE = "https://userevents.io/problems/";

  @Test
  void malformedJsonIs400MalformedRequest() throws Exception {
    send(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{\"username\":"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "malformed-request"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Malformed request"));
  }

  @Test
  void wrongJsonTypeIs400NamingTheField() throws Exception {
    send(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"a@example.com\",\"metadata\":[1]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(BASE + "malformed-request"))
        .andExpect(jsonPath("$.detail").value("Field 'metadata' has the wrong type or value"));
  }

  @Test
  void invalidFieldsAre400ValidationWithEveryFieldListed() throws Exception {
    send(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"a b\",\"email\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "validation"))
        .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("username", "email")));
  }

  @Test
  void emailTheModelRefusesIs400ValidationNamingEmail() throws Exception {
    send(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"alice@localhost\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(BASE + "validation"))
        .andExpect(jsonPath("$.errors[0].field").value("email"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a valid email address"));
  }

  @Test
  void metadataNestedTooDeeplyIs400ValidationNamingMetadata() throws Exception {
    String nested = "{\"a\":".repeat(12) + "1" + "}".repeat(12);
    send(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"username\":\"alice\",\"email\":\"a@example.com\",\"metadata\":" + nested + "}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("metadata"));
  }

  @Test
  void missingBodyIs400MalformedRequest() throws Exception {
    send(post("/api/users").contentType(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(BASE + "malformed-request"));
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    String big = "x".repeat(17 * 1024);
    send(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"username\":\"alice\",\"email\":\"a@example.com\",\"metadata\":{\"k\":\""
                    + big
                    + "\"}}"))
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "payload-too-large"));
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    send(post("/api/users").contentType(MediaType.TEXT_PLAIN).content("alice"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "unsupported-media-type"));
  }

  @Test
  void unknownPathIs404() throws Exception {
    send(get("/api/nothing-here"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "not-found"));
  }

  @Test
  void unsupportedMethodIs405() throws Exception {
    send(patch("/api/users/u-1").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "method-not-allowed"));
  }

  @Test
  void unacceptableAcceptHeaderIs406Problem() throws Exception {
    send(put("/api/users/u-1")
            .accept(MediaType.TEXT_HTML)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"a@example.com\"}"))
        .andExpect(status().isNotAcceptable())
        .andExpect(jsonPath("$.type").value(BASE + "not-acceptable"));
  }

  @Test
  void malformedCorrelationIdIs400NamingTheHeader() throws Exception {
    send(post("/api/users")
            .header("X-Correlation-Id", "x".repeat(65))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"a@example.com\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("X-Correlation-Id"))
        .andExpect(header().exists("X-Correlation-Id"));
  }

  @Test
  void blankPathUserIdIs400ValidationNamingUserId() throws Exception {
    send(put("/api/users/{userId}", " ")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"a@example.com\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("userId"));
  }

  @Test
  void requestTheFirewallRefusesIs400Problem() throws Exception {
    send(put(java.net.URI.create("/api/users/a%2Fb"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"alice\",\"email\":\"a@example.com\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "bad-request"));
  }

  private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader()));
  }
}
