package io.userevents.producer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.producer.support.TestJwts;
import io.userevents.producer.support.TopicReader;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests and checks the Kafka security tests share. */
final class SecuredWrites {

  private SecuredWrites() {}

  static MockHttpServletRequestBuilder createUser() {
    return post("/api/users")
        .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"username\":\"secure.user\",\"email\":\"secure@example.com\"}");
  }

  /** POSTs a user, expects 201, and reads the record back as the super user. */
  static void createsAUserTheBrokerStores(MockMvc mvc) throws Exception {
    // A cold producer's first send (TLS handshake, metadata, producer id) may outlast the send
    // timeout on a loaded machine: 503 means "retry", as a client would.
    MvcResult result =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> mvc.perform(createUser()).andReturn(),
                r -> r.getResponse().getStatus() != 503);
    assertThat(result.getResponse().getStatus()).isEqualTo(201);

    String body = result.getResponse().getContentAsString();
    int partition = JsonPath.read(body, "$.partition");
    long offset = ((Number) JsonPath.read(body, "$.offset")).longValue();
    String userId = JsonPath.read(body, "$.userId");
    assertThat(
            new TopicReader(SecuredKafka.shared().superUserBootstrap(), "user-events")
                .at(partition, offset)
                .key())
        .isEqualTo(userId);
  }
}
