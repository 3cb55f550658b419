package io.userevents.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class TopicsHealthAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TopicsHealthAutoConfiguration.class))
          .withBean(
              KafkaAdmin.class,
              () ->
                  new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "nowhere:9")));

  @Test
  void checksTheTopicsTheServiceDeclares() {
    runner
        .withBean(RequiredTopics.class, () -> RequiredTopics.of("user-events"))
        .run(context -> assertThat(context).hasSingleBean(TopicsHealthIndicator.class));
  }

  @Test
  void checksNothingWhenTheServiceDeclaresNoTopics() {
    runner.run(context -> assertThat(context).doesNotHaveBean(TopicsHealthIndicator.class));
  }

  @Test
  void bindsWhetherTheServiceCreatesItsTopics() {
    runner
        .withBean(RequiredTopics.class, () -> RequiredTopics.of("user-events"))
        .withPropertyValues("userevents.topics.create=true")
        .run(context -> assertThat(context.getBean(TopicsProperties.class).create()).isTrue());
  }
}
