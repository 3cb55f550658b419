package io.userevents.bench.course.consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Row 5c's baseline: the consumer the course teaches (../shared/course-lessons.md, "Consumer
 * Implementation Patterns"): a {@code @KafkaListener} record listener receiving an event record
 * through Spring Kafka's JSON deserializer ({@code JacksonJsonDeserializer}, set by the harness
 * through {@code spring.kafka.consumer.*}) and doing nothing with it. Boot's listener container
 * commits the offsets after each poll's records. The harness runs it as a child process with the
 * services' JVM options, on the same broker and topic; a small web endpoint answers readiness.
 */
@SpringBootApplication
public class CourseConsumerApp {

  public static void main(String[] args) {
    SpringApplication.run(CourseConsumerApp.class, args);
  }

  /** The event, as the course's {@code UserEvent} data class. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UserEvent(
      String eventId,
      String eventType,
      String userId,
      @Nullable String username,
      @Nullable String email,
      long timestamp,
      @Nullable Map<String, Object> metadata) {}

  @Component
  static class UserEventListener {

    @KafkaListener(topics = "user-events")
    void handle(UserEvent event) {
      // the course's processUserEvent(event), left empty: the row measures the consumer around it
    }
  }

  @RestController
  static class Ready {
    @GetMapping("/ready")
    String ready() {
      return "ok";
    }
  }
}
