package io.userevents.bench.course.producer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Row 2c's baseline: the producer the course teaches (../shared/course-lessons.md, "Producer
 * Implementation Patterns"): a {@code @RestController} with Bean Validation on the request, an
 * event record, and Boot's auto-configured {@code KafkaTemplate} with Spring Kafka's JSON
 * serializer ({@code JacksonJsonSerializer}, set by the harness through {@code
 * spring.kafka.producer.*}), answering 201 after {@code send(...).get()}. The harness runs it as a
 * child process with the services' JVM options, on the same broker and topic.
 */
@SpringBootApplication
public class CourseProducerApp {

  public static void main(String[] args) {
    SpringApplication.run(CourseProducerApp.class, args);
  }

  /** The request body, validated. */
  record CreateUserRequest(
      @NotBlank @Size(min = 3, max = 50) String username,
      @NotBlank @Email @Size(max = 254) String email,
      @Nullable Map<String, Object> metadata) {}

  /** The event, as the course's {@code UserEvent} data class. */
  record UserEvent(
      String eventId,
      String eventType,
      String userId,
      String username,
      String email,
      long timestamp,
      @Nullable Map<String, Object> metadata,
      int schemaVersion) {}

  /** What the client gets back. */
  record Created(String eventId, String userId, int partition, long offset) {}

  @RestController
  static class UserController {

    private final KafkaTemplate<String, UserEvent> kafkaTemplate;

    UserController(KafkaTemplate<String, UserEvent> kafkaTemplate) {
      this.kafkaTemplate = kafkaTemplate;
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@Valid @RequestBody CreateUserRequest request)
        throws InterruptedException, ExecutionException {
      UserEvent event =
          new UserEvent(
              UUID.randomUUID().toString(),
              "USER_CREATED",
              UUID.randomUUID().toString(),
              request.username(),
              request.email(),
              System.currentTimeMillis(),
              request.metadata(),
              1);
      SendResult<String, UserEvent> result =
          kafkaTemplate.send("user-events", event.userId(), event).get();
      return new Created(
          event.eventId(),
          event.userId(),
          result.getRecordMetadata().partition(),
          result.getRecordMetadata().offset());
    }

    @GetMapping("/ready")
    String ready() {
      return "ok";
    }
  }
}
