package io.userevents.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the pipeline's topics on the local broker when they are missing. */
final class TopicInitializer {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicInitializer() {}

  /**
   * Creates every topic in {@code topics} that does not exist yet (one replica: a single node).
   *
   * @return the names that were created now
   */
  static Set<String> createMissing(String bootstrapServers, List<TopicSpec> topics)
      throws InterruptedException {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(topic -> !existing.contains(topic.name()))
              .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot create topics on " + bootstrapServers, e);
    }
  }

  /** A topic the pipeline needs. */
  record TopicSpec(String name, int partitions) {}
}
