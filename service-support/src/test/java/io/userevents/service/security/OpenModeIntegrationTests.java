package io.userevents.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.userevents.service.TestApiApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Open mode, chosen explicitly: no token needed, a loud warning, a rate limit per address. */
@SpringBootTest(
    classes = TestApiApplication.class,
    properties = {
      "userevents.security.mode=open",
      "userevents.security.rate-limit.capacity=3",
      "userevents.security.rate-limit.refill-period=1h",
      "management.endpoints.web.exposure.include=info"
    })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class OpenModeIntegrationTests {

  @Autowired private MockMvc mvc;

  @Test
  void servesWithoutATokenAndWarnsLoudlyAtStartUp(CapturedOutput startUpOutput) throws Exception {
    mvc.perform(get("/api/things/a").with(address("10.0.0.1"))).andExpect(status().isOk());

    assertThat(startUpOutput.getOut())
        .containsPattern("WARN .*ApiSecurityAutoConfiguration")
        .contains("SECURITY MODE OPEN")
        .contains("WITHOUT AUTHENTICATION");
  }

  @Test
  void answers429WithRetryAfterWhenOneAddressSendsMoreThanItsLimit() throws Exception {
    for (int i = 0; i < 3; i++) {
      mvc.perform(get("/api/things/a").with(address("10.0.0.2"))).andExpect(status().isOk());
    }
    mvc.perform(get("/api/things/a").with(address("10.0.0.2")))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1200"))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://userevents.io/problems/rate-limited"))
        .andExpect(jsonPath("$.status").value(429));
    mvc.perform(get("/api/things/a").with(address("10.0.0.3"))).andExpect(status().isOk());
    mvc.perform(get("/docs").with(address("10.0.0.2"))).andExpect(status().isOk());
  }

  @Test
  void showsOpenModeInInfo() throws Exception {
    mvc.perform(get("/actuator/info").with(address("10.0.0.4")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.security.mode").value("open"));
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor address(
      String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }
}
