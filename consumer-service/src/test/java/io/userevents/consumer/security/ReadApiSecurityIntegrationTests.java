package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.TestJwt;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared context trusts the OIDC issuer in the test JVM (issuer and audience checked): the read
 * API needs a valid token with scope users:read.
 */
class ReadApiSecurityIntegrationTests extends ConsumerIntegrationTest {

  private static final String PATH = "/api/users/someone";

  @LocalServerPort private int port;
  @LocalManagementPort private int managementPort;

  @Test
  void answers401WithABearerChallengeWithoutAToken() {
    HttpResponse<String> response = Http.get(port, PATH, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    assertThat(Http.json(response).get("type").asString())
        .isEqualTo("https://userevents.io/problems/unauthorized");
  }

  @Test
  void answers401ForAnExpiredToken() {
    assertThat(Http.get(port, PATH, TestJwt.expiredToken("users:read")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void answers401ForATokenSignedWithAnUntrustedKey() {
    assertThat(Http.get(port, PATH, TestJwt.foreignToken("users:read")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void answers401ProblemForATokenForAnotherAudience() {
    assertUnauthorizedProblem(Http.get(port, PATH, TestJwt.otherAudienceToken("users:read")));
  }

  @Test
  void answers401ProblemForATokenNamingAnotherIssuer() {
    assertUnauthorizedProblem(Http.get(port, PATH, TestJwt.otherIssuerToken("users:read")));
  }

  @Test
  void answers401ProblemForAnUnsignedToken() {
    assertUnauthorizedProblem(Http.get(port, PATH, TestJwt.unsignedToken("users:read")));
  }

  @Test
  void answers403ProblemForATokenWithoutTheReadScope() {
    HttpResponse<String> response = Http.get(port, PATH, TestJwt.token("events:write profile"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    assertThat(Http.json(response).get("type").asString())
        .isEqualTo("https://userevents.io/problems/forbidden");
  }

  @Test
  void servesTheApiForATokenWithTheReadScope() {
    HttpResponse<String> response = Http.get(port, PATH, TestJwt.token("profile users:read"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("type").asString())
        .isEqualTo("https://userevents.io/problems/not-found");
  }

  private static void assertUnauthorizedProblem(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    assertThat(Http.json(response).get("type").asString())
        .isEqualTo("https://userevents.io/problems/unauthorized");
  }

  @Test
  void leavesHealthOpenOnTheManagementPort() {
    assertThat(Http.get(managementPort, "/actuator/health/liveness", null).statusCode())
        .isEqualTo(200);
  }
}
