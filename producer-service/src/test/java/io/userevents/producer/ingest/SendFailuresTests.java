package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.userevents.producer.ingest.SendFailures.Kind;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class SendFailuresTests {

  @Test
  void errorsTheBrokerOrTheIdempotentProducerMayRecoverFromAreUnavailable() {
    assertThat(kind(new TimeoutException("expired"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new NotEnoughReplicasException("isr"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new NetworkException("gone"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new UnknownTopicOrPartitionException("t"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new OutOfOrderSequenceException("seq"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new UnknownProducerIdException("pid"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new UnknownServerException("?"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(kind(new KafkaException("producer closed"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SendFailures.classify(new java.util.concurrent.TimeoutException()).kind())
        .isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void configurationErrorsAreRefusalsNamedByTheirOwnClass() {
    assertThat(SendFailures.classify(sent(new RecordTooLargeException("big"))).cause())
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(kind(new TopicAuthorizationException("acl"))).isEqualTo(Kind.REFUSED);
    assertThat(kind(new ClusterAuthorizationException("idempotent write"))).isEqualTo(Kind.REFUSED);
    assertThat(kind(new SaslAuthenticationException("creds"))).isEqualTo(Kind.REFUSED);
    assertThat(kind(new InvalidRecordException("no key on a compacted topic")))
        .isEqualTo(Kind.REFUSED);
  }

  @Test
  void anEventTheSerializerCannotWriteIsAFaultOfThisService() {
    Throwable failure =
        sent(new SerializationException("cannot write", new IllegalStateException("inner")));

    assertThat(SendFailures.classify(failure).kind()).isEqualTo(Kind.FAULT);
    assertThat(SendFailures.rootCause(failure)).isInstanceOf(IllegalStateException.class);
  }

  private static Kind kind(Throwable cause) {
    return SendFailures.classify(sent(cause)).kind();
  }

  /** As a send's future reports it: Spring's wrapper inside an ExecutionException. */
  private static Throwable sent(Throwable cause) {
    return new ExecutionException(
        new KafkaProducerException(new ProducerRecord<>("t", "v"), "send failed", cause));
  }
}
