package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark numbers the documentation quotes are those of the committed run,
 * benchmarks/results/latest.json: the results table copied into benchmarks/README.md, and every
 * number marked {@code <!-- latest: ROW FIELD -->} in any Markdown file.
 */
class BenchmarkNumbersTests {

  /**
   * A number (or verdict) directly followed by its marker, e.g. {@code 0.34<!-- latest: 4b ratio
   * -->}.
   */
  private static final Pattern QUOTE =
      Pattern.compile("([0-9][0-9,]*(?:\\.[0-9]+)?|[A-Z]+)<!-- latest: (\\S+) (\\S+) -->");

  private static final Pattern ANY_MARKER = Pattern.compile("<!-- latest:");
  private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(?:\\.[0-9]+)?");
  private static final Pattern FIELD =
      Pattern.compile("([a-zA-Z]+)(?:\\.([a-z]+)(?:\\[(\\d+)])?)?");

  private final JsonNode latest =
      JsonMapper.builder()
          .build()
          .readTree(RepoFiles.read(RepoFiles.repoDir().resolve("benchmarks/results/latest.json")));

  @Test
  void everyMarkedNumberInTheDocsIsTheCommittedRunsValue() {
    int quotes = 0;
    for (Path doc : MarkdownFiles.all()) {
      String text = RepoFiles.read(doc);
      Matcher quote = QUOTE.matcher(text);
      int found = 0;
      while (quote.find()) {
        found++;
        String where = RepoFiles.repoDir().relativize(doc) + ": " + quote.group();
        JsonNode value = value(quote.group(2), quote.group(3), where);
        if (value.isNumber()) {
          assertThat(matches(quote.group(1), value.decimalValue()))
              .as(where + " quotes " + quote.group(1) + " but latest.json says " + value)
              .isTrue();
        } else {
          assertThat(quote.group(1)).as(where).isEqualTo(value.asString());
        }
      }
      assertThat(ANY_MARKER.matcher(text).results().count())
          .as(doc + ": every `latest:` marker directly follows a number or verdict")
          .isEqualTo(found);
      quotes += found;
    }
    assertThat(quotes).isPositive();
  }

  @Test
  void theResultsTableInBenchmarksReadmeIsTheCommittedRun() {
    String readme = RepoFiles.read(RepoFiles.repoDir().resolve("benchmarks/README.md"));
    String block = readme.substring(readme.indexOf("<!-- benchmarks:results -->"));
    block = block.substring(0, block.indexOf("\n## "));
    List<String> rows =
        block.lines().filter(line -> line.matches("\\| [0-9][a-z]? \\|.*")).toList();
    assertThat(rows).hasSize(latest.path("rows").size());
    for (String row : rows) {
      String[] cells = row.split(" \\| ");
      String id = cells[0].substring(2);
      JsonNode json = row(id, List.of(cells[1]));
      assertThat(cells[6])
          .as(row)
          .contains(
              json.path("verdict").asString().equals("REPORT")
                  ? "reported"
                  : json.path("verdict").asString());
      assertSpread(row, cells[2], json.path("ours"));
      if (!json.path("baseline").isEmpty()) {
        assertSpread(row, cells[3], json.path("baseline"));
      }
      if (!json.path("ratio").isEmpty()) {
        assertSpread(row, cells[4], json.path("ratio"));
      }
    }
    assertThat(block)
        .as("the run's date and duration")
        .contains(latest.path("startedAt").asString().substring(0, 16).replace('T', ' '))
        .contains(", " + latest.path("durationSeconds").asLong() + " s;");
  }

  /**
   * A cell "median unit [min-max]": its last three numbers are median, min and max. A pooled cell
   * "pooled unit pooled (runs a, b, c; worst w)": its first number is the pooled value, then each
   * run's, then the worst (the max).
   */
  private static void assertSpread(String row, String cell, JsonNode stats) {
    List<String> numbers = new ArrayList<>();
    NUMBER.matcher(cell).results().forEach(number -> numbers.add(number.group()));
    if (stats.has("pooled")) {
      JsonNode runs = stats.path("runs");
      assertThat(numbers).as(row).hasSize(runs.size() + 2);
      assertQuoted(row, "pooled", numbers.get(0), stats.path("pooled"));
      for (int i = 0; i < runs.size(); i++) {
        assertQuoted(row, "run " + (i + 1), numbers.get(i + 1), runs.path(i));
      }
      assertQuoted(row, "worst", numbers.get(numbers.size() - 1), stats.path("max"));
      return;
    }
    assertThat(numbers).as(row).hasSizeGreaterThanOrEqualTo(3);
    List<String> last = numbers.subList(numbers.size() - 3, numbers.size());
    String[] keys = {"median", "min", "max"};
    for (int i = 0; i < 3; i++) {
      assertQuoted(row, keys[i], last.get(i), stats.path(keys[i]));
    }
  }

  private static void assertQuoted(String row, String what, String quoted, JsonNode value) {
    assertThat(matches(quoted, value.decimalValue()))
        .as(row + ": " + what + " " + quoted + " vs latest.json " + value)
        .isTrue();
  }

  /**
   * ROW is a row id, optionally followed by {@code ~text} parts that its "what" all contains (row 3
   * has three lines, row 3b ten); {@code run} is the run itself. FIELD is {@code
   * ours|baseline|ratio[.pooled|.median|.min|.max|.runs[i]]}, {@code verdict}, or a top-level field
   * of the run; without a part it is the pooled value where there is one, else the median.
   */
  private JsonNode value(String rowSelector, String field, String where) {
    JsonNode node;
    if (rowSelector.equals("run")) {
      node = latest;
    } else {
      String[] parts = rowSelector.split("~");
      node = row(parts[0], List.of(parts).subList(1, parts.length));
    }
    Matcher path = FIELD.matcher(field);
    assertThat(path.matches()).as(where + ": field " + field).isTrue();
    JsonNode value = node.path(path.group(1));
    if (value.isObject()) {
      String part = path.group(2);
      if (part == null) {
        part = value.has("pooled") ? "pooled" : "median";
      }
      value = value.path(part);
      if (path.group(3) != null) {
        value = value.path(Integer.parseInt(path.group(3)));
      }
    }
    assertThat(value.isMissingNode() || value.isNull()).as(where + ": no such value").isFalse();
    return value;
  }

  private JsonNode row(String id, List<String> whatContains) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode row : latest.path("rows")) {
      String what = row.path("what").asString();
      if (row.path("id").asString().equals(id) && whatContains.stream().allMatch(what::contains)) {
        rows.add(row);
      }
    }
    assertThat(rows).as("one row " + id + " " + whatContains + " in latest.json").hasSize(1);
    return rows.get(0);
  }

  /** The quoted number is the value rounded to as many decimals as the quote shows. */
  private static boolean matches(String quoted, BigDecimal value) {
    BigDecimal number = new BigDecimal(quoted.replace(",", ""));
    BigDecimal halfUnit = new BigDecimal("0.5").movePointLeft(number.scale());
    return number.subtract(value).abs().compareTo(halfUnit.add(new BigDecimal("1e-9"))) <= 0;
  }
}
