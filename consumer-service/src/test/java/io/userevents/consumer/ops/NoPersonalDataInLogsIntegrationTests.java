package io.userevents.consumer.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.TestJwt;
import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Captures every log event of the application (our packages and Spring Kafka at DEBUG) during a
 * full create, update, delete flow with a poison pill and a read, and finds no email address in any
 * message or stack trace.
 */
class NoPersonalDataInLogsIntegrationTests extends ConsumerIntegrationTest {

  private static final Pattern ANY_EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level ourLevel;
  private Level springKafkaLevel;

  @LocalServerPort private int port;

  @BeforeEach
  void captureAllLogs() {
    logs.start();
    root().addAppender(logs);
    Logger ours = (Logger) LoggerFactory.getLogger("io.userevents");
    ourLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    Logger springKafka = (Logger) LoggerFactory.getLogger("org.springframework.kafka");
    springKafkaLevel = springKafka.getLevel();
    springKafka.setLevel(Level.DEBUG);
  }

  @AfterEach
  void releaseLogs() {
    root().detachAppender(logs);
    ((Logger) LoggerFactory.getLogger("io.userevents")).setLevel(ourLevel);
    ((Logger) LoggerFactory.getLogger("org.springframework.kafka")).setLevel(springKafkaLevel);
  }

  @Test
  void aCreateUpdateDeleteFlowLogsNoEmailAddress() {
    String userId = TestEvents.uniqueUserId("pii");
    UserEvent created =
        TestEvents.event(EventType.USER_CREATED, userId, "pii_user", "secret.person@example.com");
    UserEvent updated =
        TestEvents.event(EventType.USER_UPDATED, userId, "pii_user", "other.secret@example.org");
    UserEvent deleted = TestEvents.deleted(userId);
    String badEmail =
        "{\"eventId\":\"pii-bad\",\"eventType\":\"USER_UPDATED\",\"userId\":\""
            + userId
            + "\",\"username\":\"pii_user\",\"email\":\"hidden.person@@example.net\","
            + "\"timestamp\":1700000000000}";
    String truncated =
        "{\"eventId\":\"pii-cut\",\"eventType\":\"USER_UPDATED\",\"userId\":\""
            + userId
            + "\",\"email\":\"cut.person@example.net\",";

    kafka.send(TOPIC, created);
    awaitUser(userId, created.eventId());
    assertThat(Http.get(port, "/api/users/" + userId, TestJwt.token("users:read")).body())
        .contains("secret.person@example.com");
    kafka.send(TOPIC, userId, badEmail);
    kafka.send(TOPIC, userId, truncated);
    kafka.send(TOPIC, updated);
    faults().refuseNextConnections(1);
    kafka.send(TOPIC, deleted);
    awaitUser(userId, deleted.eventId());
    await().atMost(PATIENCE).until(() -> deadLetters(userId).size() == 2);

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(logs.list)) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          lines.add(frame.getSTEAsString());
        }
      }
    }
    System.out.printf(
        "[no-personal-data] log events captured=%d lines=%d%n", logs.list.size(), lines.size());
    assertThat(logs.list).isNotEmpty();
    assertThat(lines)
        .noneMatch(line -> line != null && ANY_EMAIL.matcher(line).find())
        .noneMatch(line -> line != null && line.contains("person@"));
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
