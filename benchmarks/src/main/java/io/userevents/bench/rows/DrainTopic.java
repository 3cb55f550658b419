package io.userevents.bench.rows;

import io.userevents.bench.Progress;
import io.userevents.bench.kafka.GroupProgress;
import io.userevents.bench.process.Services.Running;
import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pre-filled {@code user-events} topic that rows 4 and 5 drain, what is on it, and how a drain
 * of it is awaited.
 */
public final class DrainTopic {

  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

  private final BenchContext context;
  private final List<UserEvent> events;
  private final Set<String> eventIds;

  private DrainTopic(BenchContext context, List<UserEvent> events) {
    this.context = context;
    this.events = List.copyOf(events);
    this.eventIds = new HashSet<>();
    events.forEach(event -> eventIds.add(event.eventId()));
  }

  /** Recreates {@code user-events} and fills it with the events every drain run reads. */
  public static DrainTopic prefill(BenchContext context) throws Exception {
    int count = context.options().drainEvents();
    Progress.say("[rows 4-5] pre-filling %s with %,d events", BenchContext.TOPIC, count);
    context.broker().recreateTopic(BenchContext.TOPIC);
    List<UserEvent> events = new ArrayList<>(count);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            context.broker().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    try (KafkaProducer<String, UserEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), new UserEventSerializer())) {
      for (int i = 0; i < count; i++) {
        UserEvent event = SampleEvents.created(i);
        events.add(event);
        producer.send(new ProducerRecord<>(BenchContext.TOPIC, event.userId(), event));
      }
      producer.flush();
    }
    long onTopic = context.broker().totalEndOffset(BenchContext.TOPIC);
    if (onTopic != count) {
      throw new IllegalStateException("pre-fill wrote " + onTopic + " records, not " + count);
    }
    return new DrainTopic(context, events);
  }

  /** The events on the topic, in the order they were sent. */
  List<UserEvent> events() {
    return events;
  }

  int size() {
    return events.size();
  }

  boolean holds(String eventId) {
    return eventIds.contains(eventId);
  }

  /**
   * Waits until {@code group}, consumed by {@code service}, has committed the whole topic, or the
   * run's time box has passed.
   */
  GroupProgress awaitDrain(Running service, String group) throws Exception {
    return GroupProgress.await(
        service.process().pid(),
        context.broker(),
        group,
        BenchContext.TOPIC,
        events.size(),
        Duration.ofMillis(20),
        context.options().drainTimeBox(),
        DRAIN_TIMEOUT);
  }

  /** The sum of consumer-service's committed offsets on the topic. */
  long committedTotal() throws Exception {
    return context
        .broker()
        .committedOffsets(BenchContext.GROUP, BenchContext.TOPIC)
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
