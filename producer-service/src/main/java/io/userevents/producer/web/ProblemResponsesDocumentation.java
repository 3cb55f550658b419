package io.userevents.producer.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds the error answers to every {@code /api} operation of the OpenAPI document, each an RFC 9457
 * {@code application/problem+json} with the {@code Problem} schema, so that generated clients know
 * them: which ones apply depends on whether the operation reads a body and whether it publishes one
 * event (503 with {@code Retry-After}) or many (per-item results in a 207 instead).
 */
@Component
class ProblemResponsesDocumentation implements OpenApiCustomizer {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String SCHEMA = "Problem";
  private static final String BULK_PATH = "/api/events";

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi.getComponents().addSchemas(SCHEMA, problemSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/")) {
                item.readOperationsMap()
                    .forEach((method, operation) -> add(path, method, operation));
              }
            });
  }

  private static void add(String path, PathItem.HttpMethod method, Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    boolean readsBody = method != PathItem.HttpMethod.DELETE;
    put(
        responses,
        "400",
        "Malformed JSON or failed validation (types malformed-request, validation with an"
            + " errors list); also a bad Idempotency-Key or X-Correlation-Id header");
    put(responses, "401", "No valid bearer token (only when token security is configured)");
    put(
        responses,
        "403",
        "The token lacks the scope events:write (only when token security is configured)");
    put(responses, "413", "The body, or the number of bulk items, is over its limit");
    if (readsBody) {
      put(
          responses,
          "408",
          "The body did not arrive within the body timeout (request-timeout); the connection is"
              + " closed");
      put(responses, "415", "Unsupported Content-Type");
    }
    put(responses, "422", "An Idempotency-Key reused with a different request");
    put(responses, "431", "The request headers are over their limit");
    boolean bulk = path.equals(BULK_PATH);
    put(
        responses,
        "500",
        bulk
            ? "internal: a fault of this service (broker failures are reported per item)"
            : "broker-refused: Kafka refused the valid event for good (ACLs, credentials, producer"
                + " or topic configuration), no Retry-After; internal: a fault of this service");
    String busy =
        "server-busy: the service holds as many request bodies as it may; send it again after"
            + " Retry-After";
    if (!bulk || readsBody) {
      ApiResponse unavailable =
          problem(
              bulk
                  ? busy
                  : "broker-unavailable: the broker did not acknowledge within the send timeout;"
                      + " the event may still be written, retry with the same Idempotency-Key"
                      + (readsBody ? ". " + busy : ""));
      unavailable.addHeaderObject(
          "Retry-After",
          new Header().description("Seconds to wait before retrying").schema(new IntegerSchema()));
      responses.putIfAbsent("503", unavailable);
    }
  }

  private static void put(ApiResponses responses, String status, String description) {
    responses.putIfAbsent(status, problem(description));
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
  }

  private static Schema<Object> problemSchema() {
    Schema<Object> invalidField =
        new ObjectSchema()
            .addProperty(
                "field", new StringSchema().description("wire name of the field or header"))
            .addProperty("message", new StringSchema().description("what is wrong with it"));
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty(
            "type",
            new StringSchema()
                .format("uri")
                .description("stable type, https://userevents.io/problems/<name>"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri"))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(invalidField)
                .description("the offending fields, for validation problems"))
        .addProperty(
            "eventId", new StringSchema().description("the event concerned, for broker problems"))
        .addProperty(
            "traceId",
            new StringSchema()
                .description(
                    "W3C trace id of the request (sampled or not): search logs and traces"));
  }
}
