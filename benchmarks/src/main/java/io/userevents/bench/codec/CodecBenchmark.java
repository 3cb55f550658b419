package io.userevents.bench.codec;

import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.kafka.UserEventDeserializer;
import io.userevents.model.kafka.UserEventSerializer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Row 6: one serialize + deserialize round trip of the same event, the way a Kafka client calls the
 * serializers (with record headers), through events-model and through Spring Kafka's Jackson 3
 * serializers with their defaults (type headers on; the deserializer trusts only the event's
 * package).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

  static final String TOPIC = "user-events";

  private UserEvent event;
  private UserEventSerializer ourSerializer;
  private UserEventDeserializer ourDeserializer;
  private JacksonJsonSerializer<UserEvent> springSerializer;
  private JacksonJsonDeserializer<UserEvent> springDeserializer;

  @Setup
  public void setUp() {
    event = SampleEvents.created(4242);
    ourSerializer = new UserEventSerializer();
    ourDeserializer = new UserEventDeserializer();
    springSerializer = new JacksonJsonSerializer<>();
    springDeserializer = new JacksonJsonDeserializer<>(UserEvent.class);
    if (!roundTripOurs().equals(event) || !roundTripSpring().equals(event)) {
      throw new IllegalStateException("a codec does not round-trip the sample event");
    }
  }

  /** events-model: {@code UserEventSerializer} then {@code UserEventDeserializer}. */
  @Benchmark
  public UserEvent ours() {
    return roundTripOurs();
  }

  /** Spring Kafka: {@code JacksonJsonSerializer} then {@code JacksonJsonDeserializer}. */
  @Benchmark
  public UserEvent spring() {
    return roundTripSpring();
  }

  private UserEvent roundTripOurs() {
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = ourSerializer.serialize(TOPIC, headers, event);
    return ourDeserializer.deserialize(TOPIC, headers, bytes);
  }

  private UserEvent roundTripSpring() {
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = springSerializer.serialize(TOPIC, headers, event);
    return springDeserializer.deserialize(TOPIC, headers, bytes);
  }
}
