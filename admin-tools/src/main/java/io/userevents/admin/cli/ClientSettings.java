package io.userevents.admin.cli;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/** Connection properties plus timeout; creates the clients the services need. */
public record ClientSettings(Properties properties, Duration timeout) {

  public ClientSettings {
    Properties copy = new Properties();
    copy.putAll(properties);
    properties = copy;
  }

  public static ClientSettings of(String bootstrapServers, Duration timeout) {
    Properties properties = new Properties();
    properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new ClientSettings(properties, timeout);
  }

  public String bootstrapServers() {
    return properties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
  }

  public Admin admin() {
    Properties props = base();
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-admin");
    return Admin.create(props);
  }

  /** A byte-array consumer; with a group id it can commit, without one it only reads. */
  public Consumer<byte[], byte[]> consumer(@Nullable String groupId) {
    Properties props = base();
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-admin-consumer");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    } else {
      props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    }
    return new KafkaConsumer<>(props);
  }

  /** An idempotent byte-array producer that waits for all in-sync replicas. */
  public Producer<byte[], byte[]> producer() {
    Properties props = base();
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-admin-producer");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    long deliveryMs = Math.max(timeout.toMillis(), 10_000L);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryMs));
    if (!properties.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      // delivery.timeout.ms must cover linger.ms + request.timeout.ms
      props.put(
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          String.valueOf(Math.min(30_000L, deliveryMs / 2)));
    }
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(props);
  }

  private Properties base() {
    Properties props = new Properties();
    props.putAll(properties);
    long timeoutMs = timeout.toMillis();
    props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
    props.putIfAbsent(
        CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.min(timeoutMs, 30_000L)));
    return props;
  }
}
