package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.kafka.BenchBroker;
import io.userevents.bench.kafka.TopicContents;
import io.userevents.bench.process.Services;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the rows of a run share.
 *
 * @param options the run's options
 * @param broker the broker every row uses
 * @param services starts the service processes
 * @param workDir scratch space of this run (payload files, H2 databases, logs)
 */
public record BenchContext(
    HarnessOptions options, BenchBroker broker, Services services, Path workDir) {

  /** The topic producer-service writes and consumer-service reads. */
  public static final String TOPIC = "user-events";

  /** The consumer group of consumer-service. */
  public static final String GROUP = "user-service-group";

  public TopicContents topicContents() {
    return new TopicContents(broker.bootstrapServers());
  }

  /**
   * Commits consumer-service's group offsets at the topic's end, so that a consumer started next
   * reads only what is written from now on.
   */
  public void startGroupAtEnd() throws Exception {
    broker.deleteGroup(GROUP);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    broker
        .endOffsets(TOPIC)
        .forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    broker.admin().alterConsumerGroupOffsets(GROUP, offsets).all().get();
  }
}
