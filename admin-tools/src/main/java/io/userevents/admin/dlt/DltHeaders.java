package io.userevents.admin.dlt;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Headers Spring Kafka's {@code DeadLetterPublishingRecoverer} writes ({@code kafka_dlt-*}) and the
 * ones replay adds. Replay strips {@code kafka_dlt-*} (they describe the failure, not the event)
 * and keeps every other header.
 */
final class DltHeaders {

  static final String DLT_PREFIX = "kafka_dlt-";
  static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
  static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

  /** How often the record was replayed, as a decimal string; the loop guard reads it. */
  static final String REPLAY_COUNT = "kafka-admin-replay-count";

  /** Where the replayed copy came from: {@code <dlt>-<partition>@<offset>}. */
  static final String REPLAYED_FROM = "kafka-admin-replayed-from";

  static final String NO_EXCEPTION = "(none)";

  private DltHeaders() {}

  static @Nullable String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The replay count, 0 when absent, -1 when unreadable. */
  static int replayCount(Headers headers) {
    String text = text(headers, REPLAY_COUNT);
    if (text == null) {
      return 0;
    }
    try {
      int count = Integer.parseInt(text.trim());
      return count < 0 ? -1 : count;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The class that explains the failure: the cause if Spring recorded one, else the exception. */
  static String exceptionClass(Headers headers) {
    String cause = text(headers, EXCEPTION_CAUSE_FQCN);
    if (cause != null && !cause.isBlank()) {
      return cause;
    }
    String exception = text(headers, EXCEPTION_FQCN);
    return exception == null || exception.isBlank() ? NO_EXCEPTION : exception;
  }

  static boolean replayHeader(String name) {
    return name.startsWith(DLT_PREFIX) || name.equals(REPLAY_COUNT) || name.equals(REPLAYED_FROM);
  }
}
