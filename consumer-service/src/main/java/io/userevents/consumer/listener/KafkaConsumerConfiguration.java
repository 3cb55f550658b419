package io.userevents.consumer.listener;

import io.userevents.consumer.ConsumerSettings;
import io.userevents.consumer.projection.Projection;
import io.userevents.consumer.projection.ProjectionStore;
import io.userevents.model.UserEventCodec;
import io.userevents.service.health.RequiredTopics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/** Consumer, container factory, error handling and topics of the projection listener. */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

  /**
   * Values are read only by events-model's deserializer (which never looks at type headers, here
   * inside {@link ProjectionValueDeserializer}), wrapped so that a record that cannot be read
   * reaches the error handler instead of failing the poll. Set here, not in properties, so
   * configuration cannot swap in another deserializer.
   */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer userEventsDeserialization(ConsumerSettings settings) {
    return factory ->
        factory.updateConfigs(
            Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
                ProjectionValueDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // a typo in the topic name must not create an empty topic to wait on forever
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                settings.groupProtocol().kafkaName(),
                ProjectionValueDeserializer.MAX_FUTURE_SKEW_CONFIG,
                settings.ordering().maxFutureSkew()));
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      DefaultErrorHandler userEventsErrorHandler,
      ConsumerSettings settings,
      ProjectionStore store) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    factory.setConcurrency(
        settings.concurrency() != null ? settings.concurrency() : store.defaultConcurrency());
    factory.setCommonErrorHandler(userEventsErrorHandler);
    // Offsets of a batch are committed after the listener returned, that is after the database
    // transaction committed. Asynchronously: the next poll does not wait for the broker's answer
    // (a round trip that held every record behind it; docs/operations.md, "Offset commits").
    factory.getContainerProperties().setAckMode(AckMode.BATCH);
    factory.getContainerProperties().setSyncCommits(false);
    factory.getContainerProperties().setCommitCallback(new OffsetCommitLog());
    // A revoked ACL or refused credentials on poll would stop the container for good; retried
    // instead, held and reported like every other systemic failure (SystemicFailures).
    factory.getContainerProperties().setAuthExceptionRetryInterval(settings.retry().maxInterval());
    return factory;
  }

  /**
   * Record faults are retried up to {@code retry.max-attempts} deliveries, then dead-lettered once
   * a probe event shows that healthy events still apply ({@link DeadLetterRecoverer}); systemic
   * failures ({@link FailureClassifier}) with the same back-off but without limit, and so is a dead
   * letter that cannot be written (its partition waits, the write is attempted again after each
   * back-off). Every back-off pauses the container or the partition rather than sleeping in the
   * consumer thread.
   */
  @Bean
  DefaultErrorHandler userEventsErrorHandler(
      KafkaTemplate<String, byte[]> deadLetterTemplate,
      ConsumerSettings settings,
      ConsumerMetrics metrics,
      SystemicFailures systemicFailures,
      ListenerPauses pauses,
      Projection projection) {
    ConsumerSettings.Retry retry = settings.retry();
    ExponentialBackOffWithMaxRetries recordBackOff =
        new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
    recordBackOff.setInitialInterval(retry.initialInterval().toMillis());
    recordBackOff.setMultiplier(retry.multiplier());
    recordBackOff.setMaxInterval(retry.maxInterval().toMillis());
    ExponentialBackOff systemicBackOff =
        new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
    systemicBackOff.setMaxInterval(retry.maxInterval().toMillis());
    DefaultErrorHandler handler =
        new UserEventsErrorHandler(
            new DeadLetterRecoverer(
                deadLetterTemplate,
                settings.deadLetterTopic(),
                UserEventCodec.create(),
                systemicBackOff,
                projection::probe),
            recordBackOff,
            pauses.backOffHandler());
    // Deserialization failures, invalid events and anything unexpected go to the dead-letter
    // topic at once; record faults met while applying are retried, systemic failures held.
    handler.setClassifications(
        Map.of(RecordFailureException.class, true, SystemicFailureException.class, true), false);
    handler.setBackOffFunction(
        (record, failure) ->
            FailureClassifier.systemicReason(failure) != null ? systemicBackOff : null);
    // Seeks after a failure are routine here; DeliveryFailureListener logs each failure once.
    handler.setLogLevel(KafkaException.Level.DEBUG);
    handler.setRetryListeners(
        new DeliveryFailureListener(
            metrics, systemicFailures, retry.maxAttempts(), settings.deadLetterTopic()));
    return handler;
  }

  /**
   * Writes dead letters as raw bytes; keys stay strings (the user id). A failed send is not logged
   * here (Spring's default producer listener logs each with its stack trace): the recoverer holds
   * the record and {@link SystemicFailures} reports it once per interval.
   */
  @Bean
  KafkaTemplate<String, byte[]> deadLetterTemplate(
      ProducerFactory<String, byte[]> producerFactory) {
    KafkaTemplate<String, byte[]> template =
        new KafkaTemplate<>(
            producerFactory,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    template.setProducerListener(new ProducerListener<>() {});
    return template;
  }

  /** What service-support's topic check looks for, at start-up and in the {@code topics} health. */
  @Bean
  RequiredTopics userEventsRequiredTopics(ConsumerSettings settings) {
    return RequiredTopics.of(settings.topic(), settings.deadLetterTopic());
  }

  /** Only with {@code userevents.topics.create=true}; otherwise topics come from kafka-admin. */
  @Bean
  @ConditionalOnBooleanProperty("userevents.topics.create")
  KafkaAdmin.NewTopics userEventsTopics(ConsumerSettings settings) {
    return new KafkaAdmin.NewTopics(
        TopicBuilder.name(settings.topic()).partitions(settings.partitions()).build(),
        TopicBuilder.name(settings.deadLetterTopic()).partitions(settings.partitions()).build());
  }
}
