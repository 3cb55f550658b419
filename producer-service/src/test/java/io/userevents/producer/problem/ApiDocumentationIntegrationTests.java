package io.userevents.producer.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.util.Map;
import net.minidev.json.JSONArray;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The OpenAPI document lists the error answers of each operation, as the service gives them. */
class ApiDocumentationIntegrationTests extends IngestIntegrationTest {

  private static final String PROBLEM_REF = "#/components/schemas/Problem";

  @Test
  void singleEventWritesDocumentTheirProblemsAnd503WithRetryAfter() throws Exception {
    String docs = apiDocs();

    for (String status :
        new String[] {"400", "401", "403", "408", "413", "415", "422", "431", "500", "503"}) {
      assertThat(problemRef(docs, "/api/users", "post", status)).as(status).isEqualTo(PROBLEM_REF);
    }
    assertThat(
            (Map<String, Object>)
                JsonPath.read(docs, "$.paths['/api/users'].post.responses['503'].headers"))
        .containsKey("Retry-After");
    assertThat(problemRef(docs, "/api/users/{userId}", "put", "503")).isEqualTo(PROBLEM_REF);
    assertThat((Map<String, Object>) JsonPath.read(docs, "$.paths['/api/users'].post.responses"))
        .containsKey("201");
  }

  @Test
  void deleteReadsNoContentTypeAndBulkReportsBrokerFailuresPerItemAnd503OnlyWhenBusy()
      throws Exception {
    String docs = apiDocs();

    Map<String, Object> delete =
        JsonPath.read(docs, "$.paths['/api/users/{userId}'].delete.responses");
    assertThat(delete).containsKeys("202", "400", "413", "422", "431", "500", "503");
    assertThat(delete).doesNotContainKey("415").doesNotContainKey("408");

    Map<String, Object> bulk = JsonPath.read(docs, "$.paths['/api/events'].post.responses");
    assertThat(bulk)
        .containsKeys("200", "207", "400", "408", "413", "415", "422", "431", "500", "503");
    assertThat(
            (String)
                JsonPath.read(docs, "$.paths['/api/events'].post.responses['503'].description"))
        .startsWith("server-busy")
        .doesNotContain("broker-unavailable");
  }

  @Test
  void theProblemSchemaDeclaresEveryFieldARealProblemCarries() throws Exception {
    String docs = apiDocs();
    Map<String, Object> declared = JsonPath.read(docs, "$.components.schemas.Problem.properties");

    String validation =
        mvc.perform(
                post("/api/users")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"x\",\"email\":\"not-an-email\"}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    Map<String, Object> problem = JsonPath.read(validation, "$");
    assertThat((Integer) problem.get("status")).isEqualTo(400);
    assertThat(declared.keySet()).containsAll(problem.keySet());
    JSONArray errors = JsonPath.read(validation, "$.errors");
    Map<String, Object> fieldProperties =
        JsonPath.read(docs, "$.components.schemas.Problem.properties.errors.items.properties");
    assertThat(fieldProperties.keySet())
        .containsAll(((Map<String, Object>) errors.get(0)).keySet());
  }

  private String apiDocs() throws Exception {
    return mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
  }

  private static String problemRef(String docs, String path, String method, String status) {
    return JsonPath.read(
        docs,
        "$.paths['"
            + path
            + "']."
            + method
            + ".responses['"
            + status
            + "'].content['application/problem+json'].schema['$ref']");
  }
}
