package io.userevents.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.service.TestApiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Without a security choice, or with half of the JWT one, the service refuses to start. */
class FailClosedTests {

  @Test
  void refusesToStartWithoutJwtSettingsOrOpenMode() {
    assertThat(startFailure())
        .hasRootCauseInstanceOf(ApiSecurityNotConfiguredException.class)
        .rootCause()
        .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
        .hasMessageContaining("userevents.security.mode=open");
  }

  @Test
  void refusesToStartInJwtModeWithoutAnAudience() {
    assertThat(
            startFailure(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.example"))
        .hasRootCauseInstanceOf(ApiSecurityNotConfiguredException.class)
        .rootCause()
        .hasMessageContaining("userevents.security.audience is not set");
  }

  @Test
  void refusesToStartInJwtModeWithoutAnIssuerOrKey() {
    assertThat(startFailure("--userevents.security.mode=jwt", "--userevents.security.audience=a"))
        .hasRootCauseInstanceOf(ApiSecurityNotConfiguredException.class)
        .rootCause()
        .hasMessageContaining("no JWT issuer or key is configured");
  }

  @Test
  void startsInOpenModeWhenItIsChosen() {
    try (ConfigurableApplicationContext context = start("--userevents.security.mode=open")) {
      assertThat(context.isRunning()).isTrue();
    }
  }

  private static Throwable startFailure(String... args) {
    try (ConfigurableApplicationContext context = start(args)) {
      throw new AssertionError("started: " + context);
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    SpringApplication application = new SpringApplication(TestApiApplication.class);
    application.setWebApplicationType(WebApplicationType.SERVLET);
    String[] all = new String[args.length + 1];
    all[0] = "--server.port=0";
    System.arraycopy(args, 0, all, 1, args.length);
    return application.run(all);
  }
}
