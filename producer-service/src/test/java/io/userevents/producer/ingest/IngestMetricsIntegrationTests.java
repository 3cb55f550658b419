package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.producer.support.IngestIntegrationTest;
import io.userevents.producer.support.TestJwts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The ingest meters count what happened: accepted on the broker's ack (with a latency sample),
 * rejected for refused requests and items, bulk sizes per request. The context is shared with other
 * tests, so every assertion is on the change a request makes.
 */
class IngestMetricsIntegrationTests extends IngestIntegrationTest {

  @Autowired MeterRegistry registry;

  @Test
  void acknowledgedCreateCountsAsAcceptedWithALatencySample() throws Exception {
    double accepted = events("USER_CREATED", "accepted");
    long latencySamples = latencySamples("USER_CREATED");

    send(
            "/api/users",
            MediaType.APPLICATION_JSON,
            "{\"username\":\"metered\",\"email\":\"m@x.io\"}")
        .andExpect(status().isCreated());

    // The counter is updated by the send callback, which may run just after the answer.
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(events("USER_CREATED", "accepted")).isEqualTo(accepted + 1);
              assertThat(latencySamples("USER_CREATED")).isEqualTo(latencySamples + 1);
            });
  }

  @Test
  void refusedRequestCountsAsRejectedOfItsType() throws Exception {
    double rejected = events("USER_UPDATED", "rejected");
    double accepted = events("USER_UPDATED", "accepted");

    mvc.perform(
            put("/api/users/u-metrics")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
                .content("{\"username\":\"x\",\"email\":\"m@x.io\"}"))
        .andExpect(status().isBadRequest());

    assertThat(events("USER_UPDATED", "rejected")).isEqualTo(rejected + 1);
    assertThat(events("USER_UPDATED", "accepted")).isEqualTo(accepted);
  }

  @Test
  void bulkRecordsItsSizeAndCountsBrokenItemsAsRejectedOfUnknownType() throws Exception {
    long bulks = registry.get(IngestMetrics.BULK_SIZE).summary().count();
    double items = registry.get(IngestMetrics.BULK_SIZE).summary().totalAmount();
    double unknown = events(IngestMetrics.UNKNOWN_TYPE, "rejected");
    double deleted = events("USER_DELETED", "accepted");
    String valid =
        UserEventCodec.create()
            .encodeToString(UserEvent.deleted("u-" + UUID.randomUUID(), Map.of()));

    send("/api/events", MediaType.APPLICATION_JSON, "[" + valid + ",42]")
        .andExpect(status().isMultiStatus());

    assertThat(registry.get(IngestMetrics.BULK_SIZE).summary().count()).isEqualTo(bulks + 1);
    assertThat(registry.get(IngestMetrics.BULK_SIZE).summary().totalAmount()).isEqualTo(items + 2);
    assertThat(events(IngestMetrics.UNKNOWN_TYPE, "rejected")).isEqualTo(unknown + 1);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events("USER_DELETED", "accepted")).isEqualTo(deleted + 1));
  }

  private double events(String type, String outcome) {
    return registry
        .get(IngestMetrics.EVENTS)
        .tag("type", type)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private long latencySamples(String type) {
    return registry.get(IngestMetrics.LATENCY).tag("type", type).timer().count();
  }

  private ResultActions send(String path, MediaType contentType, String body) throws Exception {
    return mvc.perform(
        post(path)
            .contentType(contentType)
            .header(HttpHeaders.AUTHORIZATION, TestJwts.writerHeader())
            .content(body));
  }
}
