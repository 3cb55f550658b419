package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import io.userevents.producer.config.IngestProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The web layer alone (publisher mocked), in open mode: validation refuses bad requests before
 * anything is published, and the service warns loudly that it is open.
 */
@ExtendWith(OutputCaptureExtension.class)
@WebMvcTest(
    controllers = {UserController.class, BulkController.class},
    properties = "userevents.security.mode=open")
@Import({IdempotencyStore.class, RequestLimits.class, UserControllerWebMvcTests.Config.class})
class UserControllerWebMvcTests {

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IngestProperties.class)
  @ComponentScan(basePackages = {"io.userevents.producer.security", "io.userevents.producer.web"})
  static class Config {}

  @Autowired MockMvc mvc;

  @MockitoBean EventPublisher publisher;

  @MockitoBean IngestMetrics metrics;

  @Test
  void warnsLoudlyAtStartUpThatTheServiceIsOpen(CapturedOutput startUp) {
    // The context starts while this class's output is captured (the extension starts first).
    assertThat(startUp.getAll())
        .containsPattern("WARN .*ApiSecurityAutoConfiguration")
        .contains("SECURITY MODE OPEN (userevents.security.mode=open)");
  }

  @Test
  void writesNeedNoTokenWhenNoJwtIsConfigured() throws Exception {
    given(publisher.publish(any()))
        .willAnswer(
            call -> {
              UserEvent event = call.getArgument(0);
              return new Receipt(
                  event.eventId(),
                  event.userId(),
                  EventType.USER_CREATED,
                  "user-events",
                  0,
                  7,
                  Instant.ofEpochMilli(event.timestamp()));
            });

    create("{\"username\":\"open\",\"email\":\"open@example.com\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.offset").value(7))
        .andExpect(header().exists("Location"));
  }

  @Test
  void refusesInvalidFieldsWithoutPublishing() throws Exception {
    create("{\"username\":\"ab\",\"email\":\" \",\"metadata\":{}}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("username", "email")));

    verify(publisher, never()).publish(any());
  }

  @Test
  void refusesMissingFieldsWithoutPublishing() throws Exception {
    create("{}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("username", "email")));

    verify(publisher, never()).publish(any());
  }

  @Test
  void refusesDuplicateKeysAsMalformed() throws Exception {
    create("{\"username\":\"dup\",\"username\":\"dup2\",\"email\":\"d@example.com\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/malformed-request"));

    verify(publisher, never()).publish(any());
  }

  @Test
  void answersBrokerUnavailableAs503WithRetryAfter() throws Exception {
    given(publisher.publish(any()))
        .willThrow(new BrokerUnavailableException("e-1", "not acknowledged"));

    create("{\"username\":\"late\",\"email\":\"late@example.com\"}")
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/broker-unavailable"))
        .andExpect(jsonPath("$.eventId").value("e-1"));
  }

  @Test
  void keyOfARequestThatFailedCannotBeReusedForADifferentBody() throws Exception {
    given(publisher.publish(any()))
        .willThrow(new BrokerUnavailableException("e-1", "not acknowledged"));
    create("{\"username\":\"first\",\"email\":\"first@example.com\"}", "retry-key")
        .andExpect(status().isServiceUnavailable());

    // Same key, same derived eventId: a different body would be deduplicated away downstream.
    create("{\"username\":\"second\",\"email\":\"second@example.com\"}", "retry-key")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/idempotency-conflict"));

    verify(publisher, times(1)).publish(any());
  }

  @Test
  void keyOfARequestThatFailedMayBeRetriedWithTheSameBody() throws Exception {
    given(publisher.publish(any()))
        .willThrow(new BrokerUnavailableException("e-1", "not acknowledged"))
        .willAnswer(call -> receipt(call.getArgument(0)));
    String body = "{\"username\":\"again\",\"email\":\"again@example.com\"}";
    create(body, "same-body-key").andExpect(status().isServiceUnavailable());

    create(body, "same-body-key").andExpect(status().isCreated());

    verify(publisher, times(2)).publish(any());
  }

  private static Receipt receipt(UserEvent event) {
    return new Receipt(
        event.eventId(),
        event.userId(),
        event.eventType(),
        "user-events",
        0,
        7,
        Instant.ofEpochMilli(event.timestamp()));
  }

  private ResultActions create(String body, String idempotencyKey) throws Exception {
    return mvc.perform(
        post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .header(IdempotencyKey.HEADER, idempotencyKey)
            .content(body));
  }

  private ResultActions create(String body) throws Exception {
    return mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content(body));
  }
}
