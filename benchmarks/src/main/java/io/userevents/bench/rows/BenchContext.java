package io.userevents.bench.rows;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.kafka.BenchBroker;
import io.userevents.bench.kafka.TopicContents;
import io.userevents.bench.process.Services;
import java.nio.file.Path;

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
}
