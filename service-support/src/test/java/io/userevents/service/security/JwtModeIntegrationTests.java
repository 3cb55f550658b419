package io.userevents.service.security;

import static io.userevents.service.TestApiApplication.READ;
import static io.userevents.service.TestApiApplication.WRITE;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.service.TestApiApplication;
import io.userevents.service.support.OidcIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * JWT mode against a real OIDC issuer (discovery, JWKS): issuer, audience, signature, expiry and
 * scope are all checked, and every refusal is a problem.
 */
@SpringBootTest(
    classes = TestApiApplication.class,
    properties = {
      "userevents.security.audience=" + OidcIssuer.AUDIENCE,
      "userevents.security.rate-limit.capacity=5",
      "userevents.security.rate-limit.refill-period=1h",
      "management.endpoints.web.exposure.include=info"
    })
@AutoConfigureMockMvc
class JwtModeIntegrationTests {

  private static final String BASE = "https://userevents.io/problems/";

  @Autowired private MockMvc mvc;

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OidcIssuer::issuerUri);
  }

  @Test
  void acceptsAValidTokenWithTheScope() throws Exception {
    read(OidcIssuer.token(READ)).andExpect(status().isOk());
    mvc.perform(
            post("/api/things").header(HttpHeaders.AUTHORIZATION, bearer(OidcIssuer.token(WRITE))))
        .andExpect(status().isOk());
  }

  @Test
  void answers401ProblemWithABearerChallengeWithoutAToken() throws Exception {
    mvc.perform(get("/api/things/a"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "unauthorized"));
  }

  @Test
  void refusesATokenForAnotherAudience() throws Exception {
    unauthorized(read(OidcIssuer.tokenForAudience("some-other-api", READ)));
  }

  @Test
  void refusesATokenNamingAnotherIssuer() throws Exception {
    unauthorized(read(OidcIssuer.tokenNamingIssuer("https://issuer.example", READ)));
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    unauthorized(read(OidcIssuer.expired(READ)));
  }

  @Test
  void refusesAnUnsignedTokenWithAlgNone() throws Exception {
    unauthorized(read(OidcIssuer.unsigned(READ)));
  }

  @Test
  void refusesATokenSignedByAnUnknownKey() throws Exception {
    unauthorized(read(OidcIssuer.signedByUnknownKey(READ)));
  }

  @Test
  void answers403ProblemNamingTheScopeATokenLacks() throws Exception {
    mvc.perform(
            post("/api/things").header(HttpHeaders.AUTHORIZATION, bearer(OidcIssuer.token(READ))))
        .andExpect(status().isForbidden())
        .andExpect(
            header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("insufficient_scope")))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "forbidden"))
        .andExpect(jsonPath("$.detail").value(containsString(WRITE)));
  }

  @Test
  void leavesPathsWithoutARulePublic() throws Exception {
    mvc.perform(get("/docs")).andExpect(status().isOk());
  }

  @Test
  void answersHandlerProblemsAsCatalogTypes() throws Exception {
    read(OidcIssuer.token(READ), "/api/things/missing")
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "not-found"))
        .andExpect(jsonPath("$.title").value("Not found"));
  }

  @Test
  void limitsEachPrincipalToItsOwnBucket() throws Exception {
    String greedy = OidcIssuer.tokenFor("greedy-client", READ);
    for (int i = 0; i < 5; i++) {
      read(greedy).andExpect(status().isOk());
    }
    read(greedy)
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "rate-limited"));
    read(OidcIssuer.tokenFor("patient-client", READ)).andExpect(status().isOk());
  }

  @Test
  void showsJwtModeAndTheAudienceInInfo() throws Exception {
    mvc.perform(get("/actuator/info"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.security.mode").value("jwt"))
        .andExpect(jsonPath("$.security.audience").value(OidcIssuer.AUDIENCE))
        .andExpect(jsonPath("$.security.rateLimit.capacity").value(5));
  }

  private ResultActions read(String token) throws Exception {
    return read(token, "/api/things/a");
  }

  private ResultActions read(String token, String path) throws Exception {
    return mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, bearer(token)));
  }

  private static void unauthorized(ResultActions result) throws Exception {
    result
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(BASE + "unauthorized"));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }
}
