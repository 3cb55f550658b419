package io.userevents.admin.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to replay; every criterion that is set must hold. Offsets are inclusive;
 * {@code since} is inclusive and {@code until} exclusive, both compared with the DLT record's
 * timestamp (when it was dead-lettered). The exception class matches Spring's {@code
 * kafka_dlt-exception-fqcn} or {@code kafka_dlt-exception-cause-fqcn}, by full or simple name.
 */
record ReplayFilter(
    @Nullable Integer partition,
    @Nullable Long fromOffset,
    @Nullable Long toOffset,
    @Nullable Instant since,
    @Nullable Instant until,
    @Nullable String key,
    @Nullable String exceptionClass) {

  static final ReplayFilter ALL = new ReplayFilter(null, null, null, null, null, null, null);

  boolean matches(ConsumerRecord<byte[], byte[]> record) {
    if (partition != null && record.partition() != partition) {
      return false;
    }
    if (fromOffset != null && record.offset() < fromOffset) {
      return false;
    }
    if (toOffset != null && record.offset() > toOffset) {
      return false;
    }
    if (since != null && record.timestamp() < since.toEpochMilli()) {
      return false;
    }
    if (until != null && record.timestamp() >= until.toEpochMilli()) {
      return false;
    }
    if (key != null
        && (record.key() == null
            || !key.equals(new String(record.key(), StandardCharsets.UTF_8)))) {
      return false;
    }
    return exceptionClass == null || exceptionMatches(record.headers());
  }

  private boolean exceptionMatches(Headers headers) {
    return classMatches(DltHeaders.text(headers, DltHeaders.EXCEPTION_FQCN))
        || classMatches(DltHeaders.text(headers, DltHeaders.EXCEPTION_CAUSE_FQCN));
  }

  private boolean classMatches(@Nullable String fqcn) {
    if (fqcn == null || exceptionClass == null) {
      return false;
    }
    return fqcn.equals(exceptionClass) || fqcn.endsWith("." + exceptionClass);
  }
}
