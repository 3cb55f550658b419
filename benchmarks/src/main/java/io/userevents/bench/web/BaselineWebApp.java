package io.userevents.bench.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Row 2's baseline: the same Spring Boot web stack as producer-service (Spring MVC on Tomcat,
 * Jackson 3), answering {@code POST /api/users} by parsing the body and discarding it. The harness
 * runs it as a child process with the same JVM options as the services.
 */
// The harness class path carries Boot's Kafka support for the course apps; this app has no Kafka.
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
public class BaselineWebApp {

  public static void main(String[] args) {
    SpringApplication.run(BaselineWebApp.class, args);
  }

  /** The body producer-service accepts on {@code POST /api/users}. */
  record CreateUser(String username, String email, @Nullable Map<String, Object> metadata) {}

  @RestController
  static class DiscardingController {

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    void create(@RequestBody CreateUser body) {
      if (body.username() == null) {
        throw new IllegalArgumentException("username is required");
      }
    }

    @GetMapping("/ready")
    String ready() {
      return "ok";
    }
  }
}
