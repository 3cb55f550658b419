package io.userevents.producer.ingest;

import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.config.UserEventTemplate;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the producer and fetches the topic's metadata before the service reports ready (runners
 * run before readiness), so that the first writes after the ready banner do not pay for them; that
 * metadata also carries the cluster id that send spans name ({@link
 * UserEventTemplate#clusterId()}). Tries for at most {@link #PATIENCE}; a broker that cannot be
 * reached delays start-up by no more than that, and readiness reports it through the {@code kafka}
 * indicator. The producer keeps trying by itself; writes meanwhile get 503 within the send timeout,
 * and their spans name no cluster until its metadata has arrived.
 */
@Component
class ProducerWarmUp implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final UserEventTemplate template;
  private final String topic;

  ProducerWarmUp(UserEventTemplate template, IngestProperties properties) {
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
        log.debug(
            "Producer ready: {} has {} partitions, cluster {}",
            topic,
            partitions,
            template.clusterId());
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
