package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules compose's Prometheus loads (docker/prometheus/alerts.yml): each has a case that
 * fires and one that stays silent in alerts.test.yml, run by {@code promtool test rules}. Without
 * promtool on the PATH the promtool run is skipped, unless the environment variable CI is set:
 * there it fails (.ci/run installs the Debian package prometheus).
 */
class AlertRulesTests {

  private static final Path DIR = RepoFiles.dockerDir().resolve("prometheus");

  @Test
  void promtoolPassesEveryRuleTest() throws Exception {
    Path promtool = onPath("promtool");
    if (promtool == null) {
      String ci = System.getenv("CI");
      assertThat(ci == null || ci.isBlank() || ci.equals("false"))
          .as("CI is set but promtool is not on the PATH: install the Debian package prometheus")
          .isTrue();
      Assumptions.abort(
          "promtool not on the PATH: alert rule tests skipped (apt-get install prometheus, or set"
              + " CI to make this a failure)");
    }
    Process process =
        new ProcessBuilder(promtool.toString(), "test", "rules", "alerts.test.yml")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .start();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("promtool finished within 2 minutes").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS");
  }

  @Test
  void everyRuleHasACaseThatFiresAndOneThatStaysSilent() {
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (Object test :
        RepoFiles.list(RepoFiles.yaml(DIR.resolve("alerts.test.yml")).get("tests"))) {
      for (Object check : RepoFiles.list(RepoFiles.map(test).get("alert_rule_test"))) {
        Map<String, Object> alertTest = RepoFiles.map(check);
        String alert = alertTest.get("alertname").toString();
        (RepoFiles.list(alertTest.get("exp_alerts")).isEmpty() ? silent : firing).add(alert);
      }
    }
    assertThat(firing).as("rules with a firing case").isEqualTo(alertNames());
    assertThat(silent).as("rules with a silent case").isEqualTo(alertNames());
  }

  @Test
  void everyMetricTheRulesUseIsDocumented() throws IOException {
    String documented =
        RepoFiles.read(RepoFiles.repoDir().resolve("docs/operations.md"))
            + RepoFiles.read(RepoFiles.repoDir().resolve("admin-tools/README.md"));
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> rule : rules()) {
      for (String metric : GrafanaDashboard.metricNames(rule.get("expr").toString())) {
        String base = metric.replaceAll("_(bucket|count|sum)$", "");
        if (!metric.equals("up") && !documented.contains(base)) {
          missing.add(rule.get("alert") + ": " + metric);
        }
      }
    }
    assertThat(missing)
        .as("metrics in alerts.yml named neither in docs/operations.md nor admin-tools/README.md")
        .isEmpty();
    assertThat(RepoFiles.read(RepoFiles.repoDir().resolve("docs/operations.md")))
        .as("docs/operations.md lists every alert")
        .contains(alertNames());
    assertThat(Files.readString(RepoFiles.repoDir().resolve(".ci/run")))
        .contains("promtool")
        .contains("export CI=true");
  }

  private static Set<String> alertNames() {
    Set<String> names = new TreeSet<>();
    rules().forEach(rule -> names.add(rule.get("alert").toString()));
    return names;
  }

  private static List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : RepoFiles.list(RepoFiles.yaml(DIR.resolve("alerts.yml")).get("groups"))) {
      RepoFiles.list(RepoFiles.map(group).get("rules")).forEach(r -> rules.add(RepoFiles.map(r)));
    }
    return rules;
  }

  /** The program on the PATH, or null. */
  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
