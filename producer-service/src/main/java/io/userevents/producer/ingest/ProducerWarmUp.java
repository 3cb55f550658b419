package io.userevents.producer.ingest;

import io.userevents.model.UserEvent;
import io.userevents.producer.config.IngestProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the producer and fetches the topic's metadata before the service reports ready (runners
 * run before readiness), so that the first write after the ready banner does not pay for them.
 * Tries for at most {@link #PATIENCE}; a broker that cannot be reached delays start-up by no more
 * than that, and readiness reports it through the {@code kafka} indicator.
 */
@Component
class ProducerWarmUp implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final KafkaTemplate<String, UserEvent> template;
  private final String topic;

  ProducerWarmUp(KafkaTemplate<String, UserEvent> template, IngestProperties properties) {
    this.template = template;
    this.topic = properties.topic();
  }

  @Override
  public void run(ApplicationArguments args) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        int partitions = template.partitionsFor(topic).size();
        log.debug("Producer ready: {} has {} partitions", topic, partitions);
        return;
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(RETRY_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn(
        "Could not fetch metadata of {} within {} s ({}); the first write will wait for it",
        topic,
        PATIENCE.toSeconds(),
        last == null ? "no attempt" : last.toString());
  }
}
