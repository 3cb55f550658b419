package io.userevents.admin.dlt;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a replay run did. {@code records} lists the records the filter matched (replayed, would be
 * replayed, or refused); {@code exceptions} counts them by exception class. {@code startOffsets}
 * are where the run began per partition (committed progress, or the start of the topic).
 */
record ReplayReport(
    String dltTopic,
    String group,
    boolean dryRun,
    Map<Integer, Long> startOffsets,
    Map<Integer, Long> endOffsets,
    long scanned,
    long matched,
    long replayed,
    long refused,
    Map<String, Long> exceptions,
    List<Entry> records) {

  enum Outcome {
    REPLAYED,
    WOULD_REPLAY,
    REFUSED
  }

  /** One matched record; the key is shown as UTF-8 text, the value never. */
  record Entry(
      int partition,
      long offset,
      String timestamp,
      @Nullable String key,
      String exceptionClass,
      int replayCount,
      @Nullable String target,
      Outcome outcome,
      @Nullable String reason) {}
}
