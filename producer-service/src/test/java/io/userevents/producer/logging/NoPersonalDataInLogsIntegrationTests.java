package io.userevents.producer.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.jayway.jsonpath.JsonPath;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.CapturedLogs;
import io.userevents.producer.support.Http;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A full create/update/delete flow, plus refused requests, logs no email address. */
class NoPersonalDataInLogsIntegrationTests extends IngestIntegrationTest {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  @Test
  void createUpdateDeleteFlowLogsNoEmailAddress() {
    Logger ours = (Logger) LoggerFactory.getLogger("io.userevents");
    Level before = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    List<String> lines;
    try (CapturedLogs logs = CapturedLogs.capture()) {
      HttpResponse<String> created =
          write(
              "POST",
              "/api/users",
              "{\"username\":\"pii.user\",\"email\":\"secret.person@example.com\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String userId = JsonPath.read(created.body(), "$.userId");
      assertThat(
              write(
                      "PUT",
                      "/api/users/" + userId,
                      "{\"username\":\"pii.user\",\"email\":\"changed.person@example.org\","
                          + "\"metadata\":{\"contact\":\"meta.person@example.net\"}}")
                  .statusCode())
          .isEqualTo(202);
      assertThat(write("DELETE", "/api/users/" + userId, "").statusCode()).isEqualTo(202);
      assertThat(
              write(
                      "POST",
                      "/api/users",
                      "{\"username\":\"x\",\"email\":\"refused.person@example.com\"}")
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              write(
                      "POST",
                      "/api/users",
                      "{\"username\":\"pii.user\",\"email\":\"broken.person@example.com\"")
                  .statusCode())
          .isEqualTo(400);
      String bulk =
          "["
              + UserEventCodec.create()
                  .encodeToString(
                      UserEvent.created(userId, "pii.user", "bulk.person@example.com", Map.of()))
              + ",{\"eventId\":\"e\",\"eventType\":\"USER_CREATED\",\"userId\":\"u\","
              + "\"username\":\"pii.user\",\"email\":\"bad.person@localhost\",\"timestamp\":1}]";
      assertThat(write("POST", "/api/events", bulk).statusCode()).isEqualTo(207);
      lines = logs.lines();
    } finally {
      ours.setLevel(before);
    }

    assertThat(lines).as("log lines captured").isNotEmpty();
    assertThat(lines)
        .noneMatch(line -> line.contains("person@"))
        .noneMatch(line -> EMAIL.matcher(line).find());
  }

  private HttpResponse<String> write(String method, String path, String body) {
    return Http.send(
        port,
        method,
        path,
        body.isEmpty()
            ? Map.of("Authorization", TestJwts.writerHeader())
            : Map.of("Authorization", TestJwts.writerHeader(), "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
