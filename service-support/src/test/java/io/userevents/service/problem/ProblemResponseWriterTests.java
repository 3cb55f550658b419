package io.userevents.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemResponseWriterTests {

  private final JsonMapper mapper = JsonMapper.builder().build();
  private final ProblemResponseWriter writer =
      new ProblemResponseWriter(mapper, new ProblemProperties(Duration.ofMillis(2500)));

  @Test
  void writesEscapedJsonWithTheExtensionsAtTheTopLevel() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    ProblemDetail problem = Problems.invalid("name\"", "has a \"quote\" and a \\ backslash");

    writer.write(response, problem);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    JsonNode body = mapper.readTree(response.getContentAsString());
    assertThat(body.get("type").asString()).isEqualTo("https://userevents.io/problems/validation");
    assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("name\"");
    assertThat(body.get("errors").get(0).get("message").asString())
        .isEqualTo("has a \"quote\" and a \\ backslash");
  }

  @Test
  void sendsRetryAfterFromTheSettingWithEveryRetryableProblem() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    writer.write(response, Problems.of(ProblemType.DATABASE_UNAVAILABLE, "down"));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("3");
  }

  @Test
  void keepsARetryAfterTheCallerAlreadySet() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setHeader("Retry-After", "42");

    writer.write(response, Problems.of(ProblemType.RATE_LIMITED, "slow down"));

    assertThat(response.getHeader("Retry-After")).isEqualTo("42");
  }

  @Test
  void givesAProblemWithoutATypeTheCatalogTypeOfItsStatus() {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.METHOD_NOT_ALLOWED);

    writer.finish(problem);

    assertThat(problem.getType()).isEqualTo(ProblemType.METHOD_NOT_ALLOWED.uri());
    assertThat(problem.getTitle()).isNotBlank();
  }

  @Test
  void namesTheTraceOfTheRequestWhenTracingHasOneInScope() {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);

    try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")) {
      writer.finish(problem);
    }

    assertThat(problem.getProperties())
        .containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
  }
}
