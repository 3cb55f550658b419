package io.userevents.consumer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.consumer.ConsumerIntegrationTest;
import io.userevents.consumer.support.Http;
import io.userevents.consumer.support.TestEvents;
import io.userevents.consumer.support.TestJwt;
import io.userevents.model.UserEvent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class UserApiIntegrationTests extends ConsumerIntegrationTest {

  private static final String READER = TestJwt.token("users:read");

  @LocalServerPort private int port;

  @Test
  void returnsTheProjectedUserWithTheLastAppliedEventIdAndTimestamp() {
    String userId = TestEvents.uniqueUserId("api");
    UserEvent created = TestEvents.created(userId, "heidi");
    kafka.send(TOPIC, created);
    awaitUser(userId, created.eventId());

    HttpResponse<String> response = Http.get(port, "/api/users/" + userId, READER);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode user = Http.json(response);
    assertThat(user.get("userId").asString()).isEqualTo(userId);
    assertThat(user.get("username").asString()).isEqualTo("heidi");
    assertThat(user.get("email").asString()).isEqualTo("heidi@example.com");
    assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(user.get("lastEventId").asString()).isEqualTo(created.eventId());
    assertThat(user.get("lastEventTimestamp").asString())
        .isEqualTo(created.occurredAt().toString());
  }

  @Test
  void answers404ProblemForAnUnknownUser() {
    HttpResponse<String> response = Http.get(port, "/api/users/nobody-" + port, READER);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://userevents.io/problems/not-found");
    assertThat(problem.get("status").asInt()).isEqualTo(404);
  }

  @Test
  void answers410ProblemWithTheDeletingEventForADeletedUser() {
    String userId = TestEvents.uniqueUserId("api-gone");
    kafka.send(TOPIC, TestEvents.created(userId, "ivan"));
    UserEvent deleted = TestEvents.deleted(userId);
    kafka.send(TOPIC, deleted);
    awaitUser(userId, deleted.eventId());

    HttpResponse<String> response = Http.get(port, "/api/users/" + userId, READER);

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asString()).isEqualTo("https://userevents.io/problems/gone");
    assertThat(problem.get("lastEventId").asString()).isEqualTo(deleted.eventId());
    assertThat(problem.get("lastEventTimestamp").asString())
        .isEqualTo(deleted.occurredAt().toString());
  }

  @Test
  void pagesActiveUsersInUserIdOrderByFollowingTheNextCursor() {
    String prefix = TestEvents.uniqueUserId("api-page");
    List<UserEvent> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(TestEvents.created(prefix + "-" + i, "page_user" + i));
      kafka.send(TOPIC, created.get(i));
    }
    created.forEach(event -> awaitUser(event.userId(), event.eventId()));

    HttpResponse<String> first = Http.get(port, "/api/users?size=2", READER);
    JsonNode page = Http.json(first);
    HttpResponse<String> second =
        Http.get(port, "/api/users?size=2&after=" + page.get("next").asString(), READER);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(page.get("content")).hasSize(2);
    assertThat(page.get("size").asInt()).isEqualTo(2);
    assertThat(page.has("totalElements")).isFalse();
    List<String> ids = new ArrayList<>();
    page.get("content").forEach(u -> ids.add(u.get("userId").asString()));
    Http.json(second).get("content").forEach(u -> ids.add(u.get("userId").asString()));
    assertThat(ids).hasSize(4).isSorted().doesNotHaveDuplicates();
    page.get("content").forEach(u -> assertThat(u.get("lastEventId").asString()).isNotBlank());
  }

  @Test
  void theLastPageHasNoNextCursor() {
    String last = TestEvents.uniqueUserId("\uffff-last");
    UserEvent created = TestEvents.created(last, "last_user");
    kafka.send(TOPIC, created);
    awaitUser(last, created.eventId());
    String cursor =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                last.substring(0, last.length() - 1)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    JsonNode page = Http.json(Http.get(port, "/api/users?size=100&after=" + cursor, READER));

    assertThat(page.get("content")).hasSize(1);
    assertThat(page.get("next").isNull()).isTrue();
  }

  @Test
  void answers400ValidationProblemForAPageNumber() {
    HttpResponse<String> response = Http.get(port, "/api/users?page=100000000", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://userevents.io/problems/validation");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("page");
  }

  @Test
  void answers400ValidationProblemForACursorThisApiDidNotWrite() {
    HttpResponse<String> response = Http.get(port, "/api/users?after=%25%25", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    assertThat(Http.json(response).get("type").asString())
        .isEqualTo("https://userevents.io/problems/validation");
  }

  @Test
  void answers400ValidationProblemForAnOutOfRangePageSize() {
    HttpResponse<String> response = Http.get(port, "/api/users?size=0", READER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.contentType(response)).startsWith("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://userevents.io/problems/validation");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("size");
  }
}
