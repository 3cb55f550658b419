package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class SendFailuresTests {

  @Test
  void errorsTheBrokerMayRecoverFromAreNotRefusals() {
    assertThat(SendFailures.refusal(sent(new TimeoutException("expired")))).isNull();
    assertThat(SendFailures.refusal(sent(new NotEnoughReplicasException("isr")))).isNull();
    assertThat(SendFailures.refusal(sent(new NetworkException("gone")))).isNull();
    assertThat(SendFailures.refusal(sent(new UnknownTopicOrPartitionException("t")))).isNull();
    assertThat(SendFailures.refusal(new java.util.concurrent.TimeoutException())).isNull();
    assertThat(SendFailures.refusal(sent(new KafkaException("producer closed")))).isNull();
  }

  @Test
  void errorsKafkaDoesNotRetryAreRefusalsNamedByTheirOwnClass() {
    assertThat(SendFailures.refusal(sent(new RecordTooLargeException("big"))))
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(SendFailures.refusal(sent(new TopicAuthorizationException("acl"))))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThat(SendFailures.refusal(sent(new SaslAuthenticationException("creds"))))
        .isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void anEventTheSerializerCannotWriteIsARefusalWhateverItsCause() {
    Throwable failure =
        sent(new SerializationException("cannot write", new IllegalStateException("inner")));

    assertThat(SendFailures.refusal(failure)).isInstanceOf(SerializationException.class);
    assertThat(SendFailures.rootCause(failure)).isInstanceOf(IllegalStateException.class);
  }

  /** As a send's future reports it: Spring's wrapper inside an ExecutionException. */
  private static Throwable sent(Throwable cause) {
    return new ExecutionException(
        new KafkaProducerException(new ProducerRecord<>("t", "v"), "send failed", cause));
  }
}
