package io.userevents.service;

import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.security.ApiAccessRules;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tiny service using service-support the way producer-service and consumer-service do: reading
 * {@code /api/things} needs scope {@code things:read}, writing needs {@code things:write}, {@code
 * /docs} is public.
 */
@SpringBootApplication
public class TestApiApplication {

  public static final String READ = "things:read";
  public static final String WRITE = "things:write";

  @Bean
  ApiAccessRules apiAccessRules() {
    return ApiAccessRules.of(
        ApiAccessRules.require(WRITE, HttpMethod.POST, "/api/**"),
        ApiAccessRules.require(READ, HttpMethod.GET, "/api/**"));
  }

  @RestController
  static class ThingController {

    @GetMapping("/api/things/{id}")
    String thing(@PathVariable String id) {
      if (id.equals("missing")) {
        throw ProblemException.of(ProblemType.NOT_FOUND, "no thing " + id);
      }
      return "{\"id\":\"" + id + "\"}";
    }

    @PostMapping("/api/things")
    String create() {
      return "{}";
    }

    @GetMapping("/docs")
    String docs() {
      return "docs";
    }
  }
}
