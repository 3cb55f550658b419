package io.userevents.consumer.listener;

import io.userevents.consumer.ConsumerSettings;
import io.userevents.consumer.projection.Projection;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Takes one synthetic event along the path of a record before the service reports ready (runners
 * run before readiness): decoded as the listener decodes a record, applied by {@link
 * Projection#probe()} (in a transaction that is rolled back: nothing stays) and read back as the
 * API reads a user. The first record after the ready banner then finds the codec, the projection's
 * statements and the database's query plans warmed instead of paying for them (measured in
 * docs/operations.md, "Sparse writes"). A failure delays nothing and decides nothing: it is logged,
 * and readiness still follows the {@code db} and listener indicators.
 */
@Component
class RecordPathWarmUp implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(RecordPathWarmUp.class);

  private final Projection projection;
  private final UserQueries queries;
  private final String topic;

  RecordPathWarmUp(Projection projection, UserQueries queries, ConsumerSettings settings) {
    this.projection = projection;
    this.queries = queries;
    this.topic = settings.topic();
  }

  @Override
  public void run(ApplicationArguments args) {
    long start = System.nanoTime();
    try {
      decode(Projection.probeEvent());
      projection.probe();
      queries.find(Projection.PROBE_USER_ID);
      log.info(
          "Record path warmed up in {} ms (one probe event decoded, applied and rolled back)",
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn(
          "Could not warm up the record path ({}); the first events after ready will take"
              + " longer. Readiness shows whether the database and the listener are healthy",
          e.getClass().getName());
    }
  }

  private void decode(UserEvent event) {
    try (ProjectionValueDeserializer deserializer = new ProjectionValueDeserializer()) {
      deserializer.deserialize(topic, new RecordHeaders(), UserEventCodec.create().encode(event));
    }
  }
}
