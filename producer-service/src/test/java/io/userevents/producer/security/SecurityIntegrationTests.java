package io.userevents.producer.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Against the OIDC issuer in the test JVM (issuer and audience configured), the write endpoints
 * need a valid JWT with scope events:write: a missing, expired, foreign-key, other-audience,
 * other-issuer or unsigned ({@code alg: none}) token is a 401 problem, a missing scope a 403.
 */
class SecurityIntegrationTests extends IngestIntegrationTest {

  private static final String USER = "{\"username\":\"sec.user\",\"email\":\"s@example.com\"}";

  @Test
  void writeWithoutTokenIs401ProblemWithBearerChallenge() throws Exception {
    mvc.perform(createUser())
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/unauthorized"));
  }

  @Test
  void bulkAndDeleteWithoutTokenAre401() throws Exception {
    mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isUnauthorized());
    mvc.perform(delete("/api/users/u-1")).andExpect(status().isUnauthorized());
  }

  @Test
  void tokenWithoutTheWriteScopeIs403Problem() throws Exception {
    mvc.perform(
            createUser()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("users:read")))
        .andExpect(status().isForbidden())
        .andExpect(
            header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("insufficient_scope")))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/forbidden"));
  }

  @Test
  void expiredTokenIs401() throws Exception {
    mvc.perform(createUser().header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.expired()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/unauthorized"));
  }

  @Test
  void tokenSignedByAnUntrustedKeyIs401() throws Exception {
    mvc.perform(
            createUser().header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.signedByStranger()))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void tokenForAnotherAudienceIs401Problem() throws Exception {
    rejectedAsUnauthorized(TestJwts.forOtherAudience());
  }

  @Test
  void tokenNamingAnotherIssuerIs401Problem() throws Exception {
    rejectedAsUnauthorized(TestJwts.namingOtherIssuer());
  }

  @Test
  void unsignedTokenIs401Problem() throws Exception {
    rejectedAsUnauthorized(TestJwts.unsigned());
  }

  @Test
  void garbageTokenIs401Problem() throws Exception {
    mvc.perform(createUser().header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void tokenWithTheWriteScopeIsAccepted() throws Exception {
    mvc.perform(
            createUser()
                .header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("openid events:write")))
        .andExpect(status().isCreated());
  }

  @Test
  void apiDocumentationIsPublic() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/users'].post").exists())
        .andExpect(jsonPath("$.paths['/api/users/{userId}'].put").exists())
        .andExpect(jsonPath("$.paths['/api/events'].post").exists());
    mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
  }

  /** A token with the write scope that must still be refused: 401 problem, nothing written. */
  private void rejectedAsUnauthorized(String token) throws Exception {
    mvc.perform(createUser().header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/unauthorized"));
  }

  private static MockHttpServletRequestBuilder createUser() {
    return post("/api/users").contentType(MediaType.APPLICATION_JSON).content(USER);
  }
}
