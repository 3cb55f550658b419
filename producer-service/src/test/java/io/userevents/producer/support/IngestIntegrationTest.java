package io.userevents.producer.support;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one application context most integration tests share (Spring caches it): the whole service on
 * random ports, a real KRaft broker, the JWT resource server configured with a local key pair (its
 * issuer and audience), small limits so that their edges are cheap to test, and the finished spans
 * in memory.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "userevents.ingest.limits.max-body-size=16KB",
      "userevents.ingest.limits.bulk-max-items=50",
      "userevents.ingest.limits.bulk-max-body-size=256KB",
      "userevents.ingest.limits.max-metadata-entries=8",
      "userevents.ingest.limits.max-metadata-size=1024",
      "userevents.ingest.limits.max-email-length=100",
      "userevents.ingest.limits.max-id-length=64",
      "userevents.ingest.limits.max-header-size=8KB",
      "userevents.ingest.limits.body-timeout=3s",
      "server.tomcat.connection-timeout=3s",
      "userevents.ingest.limits.max-buffered-body-size=1MB",
      "userevents.security.audience=" + TestJwts.AUDIENCE,
      "management.opentelemetry.tracing.export.schedule-delay=100ms",
    })
@AutoConfigureMockMvc
@EmbeddedKafka
@Import(SpanCapture.class)
public abstract class IngestIntegrationTest {

  /** Generous bound for anything asynchronous: the machine is shared. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired protected MockMvc mvc;

  @Autowired protected EmbeddedKafkaBroker broker;

  @LocalServerPort protected int port;

  @LocalManagementPort protected int managementPort;

  @DynamicPropertySource
  static void jwt(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestJwts::issuerUri);
  }

  protected TopicReader topic() {
    return new TopicReader(broker.getBrokersAsString(), "user-events");
  }
}
