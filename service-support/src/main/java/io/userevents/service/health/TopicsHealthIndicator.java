package io.userevents.service.health;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;

/**
 * Checks the service's {@link RequiredTopics} once at start-up (see {@link TopicCheck}), logs each
 * warning, and shows what it found in health ({@code topics}): always UP, with the warnings as a
 * detail (a warning does not take the service out of readiness, nor the overall health DOWN). A
 * health request checks again when the last check is older than {@link #MAX_AGE}, so topics created
 * after start-up show up.
 */
class TopicsHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TopicsHealthIndicator.class);
  private static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final HealthAdminClient admin;
  private final List<String> topics;
  private volatile @Nullable TopicCheck check;
  private volatile long checkedAt;

  TopicsHealthIndicator(HealthAdminClient admin, List<String> topics) {
    super("Topic check failed");
    this.admin = admin;
    this.topics = List.copyOf(topics);
  }

  @EventListener(ApplicationReadyEvent.class)
  void checkAtStartUp() {
    try {
      check().warnings().forEach(log::warn);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("Could not check topics {}: {}", topics, e.toString());
    }
  }

  /** Always UP: the check is advice; a cluster that cannot be asked shows as a warning. */
  @Override
  protected void doHealthCheck(Health.Builder builder) {
    TopicCheck result;
    try {
      result = check();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      builder.up().withDetail("warnings", List.of("Could not check topics: " + e));
      return;
    }
    builder
        .up()
        .withDetail("brokers", result.brokers())
        .withDetail("topics", result.topics())
        .withDetail("warnings", result.warnings());
  }

  @Override
  public void destroy() {
    admin.close();
  }

  private TopicCheck check() throws Exception {
    TopicCheck result = check;
    if (result == null || System.nanoTime() - checkedAt > MAX_AGE.toNanos()) {
      result = TopicCheck.describe(admin.get(), topics, admin.timeout());
      check = result;
      checkedAt = System.nanoTime();
    }
    return result;
  }
}
