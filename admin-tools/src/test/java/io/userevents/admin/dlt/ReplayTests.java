package io.userevents.admin.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplayTests {

  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, long timestamp, String key, String... headers) {
    RecordHeaders recordHeaders = new RecordHeaders();
    for (int i = 0; i < headers.length; i += 2) {
      recordHeaders.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return new ConsumerRecord<>(
        "dlt",
        partition,
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        "v".getBytes(StandardCharsets.UTF_8),
        recordHeaders,
        Optional.empty());
  }

  @Test
  void filterMatchesOffsetsTimeKeyAndExceptionClassByFullOrSimpleName() {
    ConsumerRecord<byte[], byte[]> record =
        record(
            1,
            10,
            5_000,
            "u-1",
            DltHeaders.EXCEPTION_FQCN,
            "org.springframework.kafka.listener.ListenerExecutionFailedException",
            DltHeaders.EXCEPTION_CAUSE_FQCN,
            "io.userevents.model.EventDecodingException");

    assertThat(ReplayFilter.ALL.matches(record)).isTrue();
    assertThat(filter(1, 10L, 10L, null, null, null, null).matches(record)).isTrue();
    assertThat(filter(0, null, null, null, null, null, null).matches(record)).isFalse();
    assertThat(filter(null, 11L, null, null, null, null, null).matches(record)).isFalse();
    assertThat(filter(null, null, 9L, null, null, null, null).matches(record)).isFalse();
    assertThat(filter(null, null, null, 5_000L, 5_001L, null, null).matches(record)).isTrue();
    assertThat(filter(null, null, null, null, 5_000L, null, null).matches(record)).isFalse();
    assertThat(filter(null, null, null, null, null, "u-1", null).matches(record)).isTrue();
    assertThat(filter(null, null, null, null, null, "u-2", null).matches(record)).isFalse();
    assertThat(filter(null, null, null, null, null, null, "EventDecodingException").matches(record))
        .isTrue();
    assertThat(
            filter(null, null, null, null, null, null, "ListenerExecutionFailedException")
                .matches(record))
        .isTrue();
    assertThat(filter(null, null, null, null, null, null, "DecodingException").matches(record))
        .isFalse();
  }

  @Test
  void histogramUsesTheCauseWhenSpringRecordedOne() {
    assertThat(
            DltHeaders.exceptionClass(
                record(0, 0, 0, "k", DltHeaders.EXCEPTION_FQCN, "a.Outer").headers()))
        .isEqualTo("a.Outer");
    assertThat(
            DltHeaders.exceptionClass(
                record(
                        0,
                        0,
                        0,
                        "k",
                        DltHeaders.EXCEPTION_FQCN,
                        "a.Outer",
                        DltHeaders.EXCEPTION_CAUSE_FQCN,
                        "b.Cause")
                    .headers()))
        .isEqualTo("b.Cause");
    assertThat(DltHeaders.exceptionClass(record(0, 0, 0, "k").headers()))
        .isEqualTo(DltHeaders.NO_EXCEPTION);
  }

  @Test
  void copyKeepsKeyValueAndHeadersDropsDltHeadersAndCountsReplays() {
    ConsumerRecord<byte[], byte[]> record =
        record(
            2,
            7,
            0,
            "u-1",
            "ce_id",
            "e-1",
            DltHeaders.ORIGINAL_TOPIC,
            "user-events",
            DltHeaders.REPLAY_COUNT,
            "1");

    ProducerRecord<byte[], byte[]> copy = ReplayService.copy(record, "user-events", 2);

    assertThat(copy.topic()).isEqualTo("user-events");
    assertThat(copy.partition()).isNull();
    assertThat(copy.timestamp()).isNull();
    assertThat(copy.key()).isEqualTo(record.key());
    assertThat(copy.value()).isEqualTo(record.value());
    List<String> names = new ArrayList<>();
    copy.headers().forEach(h -> names.add(h.key()));
    assertThat(names).containsExactly("ce_id", DltHeaders.REPLAY_COUNT, DltHeaders.REPLAYED_FROM);
    assertThat(DltHeaders.replayCount(copy.headers())).isEqualTo(2);
    assertThat(DltHeaders.text(copy.headers(), DltHeaders.REPLAYED_FROM)).isEqualTo("dlt-2@7");
  }

  @Test
  void copyKeepsTheOriginalTraceparentSoTheReplayJoinsTheEventsTrace() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    ConsumerRecord<byte[], byte[]> record =
        record(
            1, 3, 0, "u-2", "traceparent", traceparent, DltHeaders.ORIGINAL_TOPIC, "user-events");

    ProducerRecord<byte[], byte[]> copy = ReplayService.copy(record, "user-events", 1);

    List<String> traceparents = new ArrayList<>();
    copy.headers()
        .headers("traceparent")
        .forEach(h -> traceparents.add(new String(h.value(), StandardCharsets.UTF_8)));
    assertThat(traceparents).containsExactly(traceparent);
    assertThat(DltHeaders.text(copy.headers(), DltHeaders.REPLAYED_FROM)).isEqualTo("dlt-1@3");
  }

  @Test
  void unreadableReplayCountIsFlagged() {
    assertThat(DltHeaders.replayCount(record(0, 0, 0, "k", DltHeaders.REPLAY_COUNT, "x").headers()))
        .isEqualTo(-1);
    assertThat(DltHeaders.replayCount(record(0, 0, 0, "k").headers())).isZero();
  }

  @Test
  void throttlePacesSendsEvenlyAtTheRate() throws InterruptedException {
    long[] now = {0};
    List<Long> sleeps = new ArrayList<>();
    Throttle throttle =
        new Throttle(
            4,
            () -> now[0],
            nanos -> {
              sleeps.add(nanos);
              now[0] += nanos;
            });

    for (int i = 0; i < 5; i++) {
      throttle.acquire();
    }

    assertThat(sleeps).containsExactly(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L);
    assertThat(now[0]).isEqualTo(1_000_000_000L);
  }

  private static ReplayFilter filter(
      Integer partition,
      Long from,
      Long to,
      Long sinceMillis,
      Long untilMillis,
      String key,
      String exception) {
    return new ReplayFilter(
        partition,
        from,
        to,
        sinceMillis == null ? null : Instant.ofEpochMilli(sinceMillis),
        untilMillis == null ? null : Instant.ofEpochMilli(untilMillis),
        key,
        exception);
  }
}
