package io.userevents.consumer.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.consumer.ConsumerSettings;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code processed_events} bounded: forgets event ids older than {@code
 * userevents.consumer.processed-events.retention}, in small batches, each its own short
 * transaction, on the scheduler's thread (never on the listener's). Counted in {@value #PRUNED}.
 */
@Component
class ProcessedEventsPruner {

  static final String PRUNED = "userevents.consumer.processed-events.pruned";

  private static final Logger log = LoggerFactory.getLogger(ProcessedEventsPruner.class);

  private final ProjectionStore store;
  private final Duration retention;
  private final int batchSize;
  private final Counter pruned;

  ProcessedEventsPruner(ProjectionStore store, ConsumerSettings settings, MeterRegistry registry) {
    this.store = store;
    this.retention = settings.processedEvents().retention();
    this.batchSize = settings.processedEvents().pruneBatchSize();
    this.pruned =
        Counter.builder(PRUNED)
            .description("Processed event ids forgotten after the retention")
            .register(registry);
  }

  /** Deletes every id older than the retention, batch by batch; a database failure waits. */
  void pruneExpired() {
    Instant cutoff = Instant.now().minus(retention);
    long total = 0;
    try {
      int deleted;
      do {
        deleted = store.pruneProcessed(cutoff, batchSize);
        pruned.increment(deleted);
        total += deleted;
      } while (deleted >= batchSize);
    } catch (DataAccessException e) {
      log.warn(
          "Pruning processed event ids failed ({}); trying again at the next run",
          e.getClass().getName());
    }
    if (total > 0) {
      log.debug("Pruned {} processed event ids recorded before {}", total, cutoff);
    }
  }
}
