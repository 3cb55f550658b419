package io.userevents.producer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.producer.support.TestJwts;
import io.userevents.producer.support.TopicReader;
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
    MvcResult result = mvc.perform(createUser()).andExpect(status().isCreated()).andReturn();

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
