package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.projection.UserStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** With userevents.security.mode=open the API is open, with a loud warning. */
@WebMvcTest(properties = "userevents.security.mode=open")
@Import(SecurityConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ReadApiOpenModeIntegrationTests {

  @Autowired private MockMvc mvc;
  @MockitoBean private UserQueries queries;

  @Test
  void servesTheApiWithoutATokenAndWarnsLoudlyAtStartUp(CapturedOutput startUpOutput)
      throws Exception {
    Instant at = Instant.parse("2030-01-01T00:00:00Z");
    given(queries.find("u1"))
        .willReturn(
            Optional.of(
                new UserRow(
                    "u1", "alice", "alice@example.com", UserStatus.ACTIVE, "e1", at, at, at)));

    mvc.perform(get("/api/users/u1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.lastEventId").value("e1"));

    // Boot resets Logback while the context starts, so the start-up warning is read from the
    // console output the extension captured since before the context was built.
    assertThat(startUpOutput.getOut())
        .containsPattern("WARN .*ApiSecurityAutoConfiguration")
        .contains("SECURITY MODE OPEN")
        .contains("WITHOUT AUTHENTICATION");
  }
}
