package io.userevents.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provisioned Grafana dashboard and the metric names its PromQL queries use. */
final class GrafanaDashboard {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "inf", "nan");

  /** Series Prometheus writes itself from its alert rules; no service exports them. */
  static final Set<String> PROMETHEUS_SERIES = Set.of("ALERTS", "ALERTS_FOR_STATE");

  private final JsonNode root;

  private GrafanaDashboard(JsonNode root) {
    this.root = root;
  }

  static GrafanaDashboard load() {
    Path file = RepoFiles.dockerDir().resolve("grafana/dashboards/user-events.json");
    try {
      return new GrafanaDashboard(JsonMapper.builder().build().readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> panelTitles() {
    List<String> titles = new ArrayList<>();
    root.path("panels").forEach(panel -> titles.add(panel.path("title").asString()));
    return titles;
  }

  Set<String> datasourceUids() {
    Set<String> uids = new TreeSet<>();
    for (JsonNode panel : root.path("panels")) {
      uids.add(panel.path("datasource").path("uid").asString());
      panel.path("targets").forEach(t -> uids.add(t.path("datasource").path("uid").asString()));
    }
    return uids;
  }

  List<String> queries() {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : root.path("panels")) {
      panel.path("targets").forEach(target -> queries.add(target.path("expr").asString()));
    }
    return queries;
  }

  /**
   * Metric names in every query: identifiers that are not functions, labels or keywords, nor series
   * Prometheus makes itself ({@link #PROMETHEUS_SERIES}).
   */
  Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    queries().forEach(query -> names.addAll(metricNames(query)));
    names.removeAll(PROMETHEUS_SERIES);
    return names;
  }

  static Set<String> metricNames(String query) {
    String stripped = STRING.matcher(query).replaceAll(" ");
    stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
    stripped = GROUPING.matcher(stripped).replaceAll(" ");
    stripped = RANGE.matcher(stripped).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(stripped);
    while (matcher.find()) {
      String identifier = matcher.group();
      boolean isFunction = stripped.substring(matcher.end()).stripLeading().startsWith("(");
      boolean isNumberPart =
          matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
      if (!isFunction && !isNumberPart && !KEYWORDS.contains(identifier.toLowerCase())) {
        names.add(identifier);
      }
    }
    return names;
  }
}
