package io.userevents.consumer.listener;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears how each asynchronous offset commit ended. A failed commit loses nothing: the database
 * transaction of its batch committed first, the next batch's commit covers the same partitions, and
 * a record delivered again (after a rebalance or a restart) is found in {@code processed_events}
 * and skipped. So a failure is a warning with its cause, not an error with a stack trace (Spring's
 * default): around a rebalance a commit from a stale member epoch is routine.
 */
final class OffsetCommitLog implements OffsetCommitCallback {

  private static final Logger log = LoggerFactory.getLogger(OffsetCommitLog.class);

  @Override
  public void onComplete(
      Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable Exception exception) {
    if (exception != null) {
      log.warn(
          "Offset commit failed for {} ({}: {}); the next commit covers them, and records"
              + " delivered again are skipped as duplicates",
          offsets.keySet(),
          exception.getClass().getSimpleName(),
          exception.getMessage());
    }
  }
}
