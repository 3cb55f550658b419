package io.userevents.admin.cli;

/** What {@code -o} selects. Prometheus is offered only by commands that produce metrics. */
public enum OutputFormat {
  TABLE,
  JSON,
  PROMETHEUS
}
