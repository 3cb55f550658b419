package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md is the front door: what it promises must match the code. */
class ReadmeTests {

  private final String readme = RepoFiles.read(RepoFiles.repoDir().resolve("README.md"));

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
      ServiceMetadata metadata =
          ServiceMetadata.of(PipelineStack.serviceJar(RepoFiles.repoDir(), service));
      assertThat(metadata.propertiesStartingWith("userevents."))
          .isNotEmpty()
          .allSatisfy(
              property ->
                  assertThat(readme)
                      .as("README documents " + property)
                      .contains("`" + property + "`"));
    }
  }

  @Test
  void everyLauncherOptionIsDocumented() {
    Matcher option = Pattern.compile("(--[a-z-]+)").matcher(LocalStackSettings.USAGE);
    while (option.find()) {
      assertThat(readme).as("README documents " + option.group(1)).contains(option.group(1));
    }
  }
}
