package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md is the front door, docs/operations.md the configuration reference and
 * local-stack/README.md the launcher's: what they promise must match the code.
 */
class ReadmeTests {

  /** A property name in backticks, optionally with a value: `userevents.a.b` or `...=value`. */
  private static final Pattern DOCUMENTED_PROPERTY =
      Pattern.compile("`(userevents\\.[a-z0-9.-]*[a-z0-9])(?:=[^`]*)?`");

  /** A row of a {@code userevents.*} table: | `property` | default | what |. */
  private static final Pattern DOCUMENTED_DEFAULT =
      Pattern.compile("(?m)^\\| `(userevents\\.[a-z0-9.-]+)` \\| ([^|]+) \\|");

  private final String readme = RepoFiles.read(RepoFiles.repoDir().resolve("README.md"));
  private final String operations =
      RepoFiles.read(RepoFiles.repoDir().resolve("docs/operations.md"));
  private final String localStack =
      RepoFiles.read(RepoFiles.repoDir().resolve("local-stack/README.md"));

  @Test
  void runAndTestCommandsExistAndCiRunsTheTestCommand() {
    Path runLocal = RepoFiles.repoDir().resolve("run-local");
    assertThat(readme).contains("./run-local ").contains("./mvnw verify");
    assertThat(Files.isExecutable(runLocal)).isTrue();
    assertThat(RepoFiles.read(runLocal))
        .contains("./mvnw")
        .contains("-pl local-stack -am package")
        .contains("exec \"$JAVA\" -jar local-stack/target/local-stack.jar");
    assertThat(RepoFiles.read(RepoFiles.repoDir().resolve(".ci/run"))).contains("./mvnw verify");
  }

  @Test
  void configurationReferenceListsEveryPropertyOfBothServices() {
    for (String service : ComposeFile.SPRING_SERVICES) {
      assertThat(metadata(service).propertiesStartingWith("userevents."))
          .isNotEmpty()
          .allSatisfy(
              property ->
                  assertThat(operations)
                      .as("docs/operations.md documents " + property)
                      .contains("`" + property + "`"));
    }
  }

  @Test
  void everyDocumentedPropertyExistsInTheServicesMetadata() {
    Set<String> declared = new HashSet<>();
    for (String service : ComposeFile.SPRING_SERVICES) {
      declared.addAll(metadata(service).propertiesStartingWith("userevents."));
    }
    List<String> documented = new ArrayList<>();
    Matcher property = DOCUMENTED_PROPERTY.matcher(operations);
    while (property.find()) {
      documented.add(property.group(1));
    }
    assertThat(documented).isNotEmpty();
    assertThat(declared)
        .as("properties documented in docs/operations.md but declared by no service")
        .containsAll(documented);
  }

  @Test
  void everyDocumentedDefaultIsTheOneTheServicesDeclare() {
    Matcher row = DOCUMENTED_DEFAULT.matcher(operations);
    int rows = 0;
    while (row.find()) {
      String property = row.group(1);
      String documented = row.group(2).strip();
      String declared = null;
      for (String service : ComposeFile.SPRING_SERVICES) {
        String value = metadata(service).defaultValue(property);
        declared = value == null ? declared : value;
      }
      assertThat(documented)
          .as("docs/operations.md: default of " + property)
          .isEqualTo(declared == null ? "unset" : "`" + declared + "`");
      rows++;
    }
    assertThat(rows).as("rows of the userevents.* tables").isGreaterThan(30);
  }

  @Test
  void everyLauncherOptionIsDocumented() {
    Matcher option = Pattern.compile("(--[a-z-]+)").matcher(LocalStackSettings.USAGE);
    while (option.find()) {
      assertThat(localStack)
          .as("local-stack/README.md documents " + option.group(1))
          .contains(option.group(1));
    }
  }

  private static ServiceMetadata metadata(String service) {
    return ServiceMetadata.of(PipelineStack.serviceJar(RepoFiles.repoDir(), service));
  }
}
