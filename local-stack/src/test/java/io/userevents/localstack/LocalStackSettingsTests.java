package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTests {

  private final Path repo = RepoFiles.repoDir();

  @Test
  void defaultsAreTheDocumentedPortsAndADataDirUnderTarget() {
    LocalStackSettings settings = LocalStackSettings.parse(List.of(), repo);

    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.producerPort()).isEqualTo(8090);
    assertThat(settings.producerManagementPort()).isEqualTo(8190);
    assertThat(settings.consumerPort()).isEqualTo(8091);
    assertThat(settings.consumerManagementPort()).isEqualTo(8191);
    assertThat(settings.repoDir()).isEqualTo(repo);
    assertThat(settings.dataDir()).isEqualTo(repo.resolve("local-stack/target/local-stack-data"));
    assertThat(settings.fresh()).isFalse();
  }

  @Test
  void findsTheRepositoryWhenStartedFromInsideTheModule() {
    assertThat(LocalStackSettings.parse(List.of(), repo.resolve("local-stack")).repoDir())
        .isEqualTo(repo);
  }

  @Test
  void takesOptionsAsNameEqualsValueAndBareFlags() {
    LocalStackSettings settings =
        LocalStackSettings.parse(
            List.of("--kafka-port=19092", "--fresh", "--ready-timeout=30s", "--data-dir=/tmp/x"),
            repo);

    assertThat(settings.kafkaPort()).isEqualTo(19092);
    assertThat(settings.fresh()).isTrue();
    assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(settings.broker().logDir()).isEqualTo(Path.of("/tmp/x/kafka/kraft-logs"));
  }

  @Test
  void rejectsUnknownOptionsAndBadPortsWithTheOptionName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalStackSettings.parse(List.of("--kafka-prot=1"), repo))
        .withMessageContaining("--kafka-prot");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalStackSettings.parse(List.of("--producer-port=http"), repo))
        .withMessageContaining("--producer-port");
  }

  @Test
  void bannerShowsEveryAddressAndACurlLineForTheConfiguredPorts() {
    LocalStackSettings settings =
        LocalStackSettings.parse(List.of("--producer-port=18090", "--consumer-port=18091"), repo);

    String banner = Banner.render(settings, Duration.ofMillis(12_300), true, false);

    assertThat(banner)
        .contains("ready (12.3 s)")
        .contains("localhost:9092")
        .contains("http://localhost:18090/api/users")
        .contains("http://localhost:18090/swagger-ui.html")
        .contains("http://localhost:18091/api/users")
        .doesNotContain("http://localhost:18091/swagger-ui.html")
        .contains("http://localhost:8190/actuator/prometheus")
        .contains("curl -si -X POST http://localhost:18090/api/users")
        .contains("Ctrl-C stops everything");
  }

  @Test
  void bannerSaysTheApisRunInOpenMode() {
    LocalStackSettings settings = LocalStackSettings.parse(List.of(), repo);

    assertThat(Banner.render(settings, Duration.ofSeconds(1), true, true))
        .contains("SECURITY MODE OPEN")
        .contains("userevents.security.mode=open");
  }

  @Test
  void missingServiceJarNamesTheBuildCommand(@org.junit.jupiter.api.io.TempDir Path emptyRepo) {
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(() -> PipelineStack.serviceJar(emptyRepo, "producer-service"))
        .withMessageContaining("./mvnw -DskipTests package");
  }
}
