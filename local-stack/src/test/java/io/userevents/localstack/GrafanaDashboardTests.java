package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrafanaDashboardTests {

  @Test
  void extractsMetricNamesButNotFunctionsLabelsOrRanges() {
    assertThat(
            GrafanaDashboard.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(userevents_ingest_publish_latency_seconds_bucket[1m])))"))
        .containsExactly("userevents_ingest_publish_latency_seconds_bucket");
    assertThat(
            GrafanaDashboard.metricNames(
                "sum(userevents_consumer_events_total{outcome=\"dead_lettered\"}) or vector(0)"))
        .containsExactly("userevents_consumer_events_total");
    assertThat(
            GrafanaDashboard.metricNames(
                "sum(rate(a_sum[1m])) / sum(rate(a_count[5m] offset 1h)) > bool 1e3"))
        .containsExactlyInAnyOrder("a_sum", "a_count");
  }

  @Test
  void everyDashboardMetricBelongsToTheServicesOrKafkaClients() {
    assertThat(GrafanaDashboard.load().metricNames())
        .allSatisfy(name -> assertThat(name).matches("(userevents|kafka|http_server)_[a-z0-9_]+"));
  }

  @Test
  void showsTheStateOfTheShippedAlertRules() {
    GrafanaDashboard dashboard = GrafanaDashboard.load();

    assertThat(dashboard.panelTitles()).contains("Alerts (docker/prometheus/alerts.yml)");
    assertThat(dashboard.queries())
        .anySatisfy(query -> assertThat(query).contains("ALERTS{alertstate=\"firing\"}"));
  }
}
