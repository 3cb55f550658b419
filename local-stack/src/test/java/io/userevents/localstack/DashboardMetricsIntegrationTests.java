package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard (docker/grafana/dashboards/user-events.json) queries only metrics the
 * services really export: compared with a scrape of both running services after traffic.
 */
@ExtendWith(RunningStackExtension.class)
class DashboardMetricsIntegrationTests {

  @Test
  void everyMetricTheDashboardQueriesIsInTheServicesPrometheusScrape(PipelineStack stack) {
    PipelineClient client = PipelineClient.of(stack);
    JsonNode receipt = client.createUser("grace_hopper", "grace@example.com");
    client.awaitUser(receipt.get("userId").asString());

    Set<String> exported = new TreeSet<>();
    exported.addAll(client.scrapeMetricNames(stack.settings().producerManagementPort()));
    exported.addAll(client.scrapeMetricNames(stack.settings().consumerManagementPort()));

    assertThat(exported)
        .as("metrics exported by producer-service and consumer-service")
        .containsAll(GrafanaDashboard.load().metricNames());
  }

  @Test
  void eachServiceExportsItsOwnPipelineMetricsOnItsManagementPort(PipelineStack stack) {
    PipelineClient client = PipelineClient.of(stack);
    JsonNode receipt = client.createUser("alan_turing", "alan@example.com");
    client.awaitUser(receipt.get("userId").asString());

    assertThat(client.scrapeMetricNames(stack.settings().producerManagementPort()))
        .contains(
            "userevents_ingest_events_total",
            "userevents_ingest_publish_latency_seconds_bucket",
            "kafka_producer_record_send_total");
    assertThat(client.scrapeMetricNames(stack.settings().consumerManagementPort()))
        .contains(
            "userevents_consumer_events_total",
            "userevents_consumer_e2e_latency_seconds_bucket",
            "kafka_consumer_fetch_manager_records_lag_max");
  }
}
