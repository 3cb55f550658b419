package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.consumer.ConsumerSettings;
import io.userevents.consumer.listener.SystemicFailures;
import io.userevents.consumer.projection.ProjectionTestAccess;
import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Without its read ACL consumer-service cannot fetch, and without its write ACL on the dead-letter
 * topic it cannot set a bad record aside: both are systemic failures. It holds (gauge
 * userevents.consumer.paused = 1, or the record retried without limit) instead of dead-lettering
 * healthy events or skipping the bad one, and once the ACL is back it catches up: nothing is lost.
 */
class KafkaAclSystemicFailureIntegrationTests extends SecuredConsumerTest {

  private static final AclBinding READ =
      new AclBinding(
          new ResourcePattern(ResourceType.TOPIC, "user-events", PatternType.LITERAL),
          new AccessControlEntry(
              "User:" + SecuredKafka.CONSUMER, "*", AclOperation.READ, AclPermissionType.ALLOW));

  private static final AclBinding WRITE_DLT =
      new AclBinding(
          new ResourcePattern(ResourceType.TOPIC, "user-events-dlt", PatternType.LITERAL),
          new AccessControlEntry(
              "User:" + SecuredKafka.CONSUMER, "*", AclOperation.WRITE, AclPermissionType.ALLOW));

  private static final String DEAD_LETTER_UNAVAILABLE = "dead-letter-unavailable";

  @Autowired MeterRegistry meters;
  @Autowired SystemicFailures systemicFailures;
  @Autowired ConsumerSettings settings;

  @Test
  void pausesAsASystemicFailureWithoutItsReadAclAndLosesNothing() throws Exception {
    String userId = TestEvents.uniqueUserId("no-acl");
    UserEvent created = TestEvents.created(userId, "held_back");
    try (Admin admin = Admin.create(SecuredKafka.shared().superUserProperties())) {
      admin.deleteAcls(List.of(READ.toFilter())).all().get(30, TimeUnit.SECONDS);
      try {
        await().atMost(PATIENCE).until(() -> !acls(admin).contains(READ));
        superUser.send("user-events", created);

        await().atMost(PATIENCE).until(() -> paused() == 1.0);
        assertThat(systemicFailures()).isPositive();
      } finally {
        admin.createAcls(List.of(READ)).all().get(30, TimeUnit.SECONDS);
      }
      assertThat(awaitUser(userId).lastEventId()).isEqualTo(created.eventId());
      await().atMost(PATIENCE).until(() -> paused() == 0.0);
      assertThat(superUser.readAll("user-events-dlt"))
          .noneMatch(record -> userId.equals(record.key()));
    }
  }

  /**
   * A bad record while the dead-letter topic refuses writes: its partition is held (gauge 1,
   * readiness DOWN with reason {@code dead-letter-unavailable}) and the dead letter is attempted
   * once per back-off, not in a tight loop; the good records behind it wait. Once the ACL is back,
   * exactly one dead letter is written and the records behind it are applied in order.
   */
  @Test
  void holdsABadRecordWhileTheDeadLetterTopicRefusesItsWritesAndLosesNothing() throws Exception {
    String userId = TestEvents.uniqueUserId("dlt-refused");
    UserEvent behind = TestEvents.created(userId, "behind_bad_record");
    UserEvent after = TestEvents.updated(userId, "after_bad_record");
    UserQueries users = ProjectionTestAccess.queries(dataSource);
    try (Admin admin = Admin.create(SecuredKafka.shared().superUserProperties())) {
      admin.deleteAcls(List.of(WRITE_DLT.toFilter())).all().get(30, TimeUnit.SECONDS);
      try {
        await().atMost(PATIENCE).until(() -> !acls(admin).contains(WRITE_DLT));
        double before = systemicFailures(DEAD_LETTER_UNAVAILABLE);
        superUser.send("user-events", userId, "{not json".getBytes(StandardCharsets.UTF_8));
        superUser.send("user-events", behind);
        superUser.send("user-events", after);

        await()
            .atMost(PATIENCE)
            .until(() -> systemicFailures(DEAD_LETTER_UNAVAILABLE) > before && paused() == 1.0);
        SystemicFailures.Hold hold = systemicFailures.current();
        assertThat(hold).isNotNull();
        assertThat(hold.reason()).isEqualTo(DEAD_LETTER_UNAVAILABLE);
        assertThat(hold.cause()).contains("AuthorizationException");

        // While the topic stays unwritable: held throughout, one attempt per back-off at most,
        // and nothing behind the bad record applied (it would overtake it).
        Duration window = Duration.ofSeconds(10);
        double attemptsBefore = systemicFailures(DEAD_LETTER_UNAVAILABLE);
        await()
            .during(window)
            .atMost(window.plusSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(
                () -> {
                  assertThat(paused()).isEqualTo(1.0);
                  assertThat(systemicFailures.current())
                      .extracting(SystemicFailures.Hold::reason)
                      .isEqualTo(DEAD_LETTER_UNAVAILABLE);
                  assertThat(users.find(userId)).isEmpty();
                });
        double attempts = systemicFailures(DEAD_LETTER_UNAVAILABLE) - attemptsBefore;
        long maxInterval = settings.retry().maxInterval().toMillis();
        System.out.printf(
            "dead-letter attempts while the topic refused writes: %.0f in %d s (max-interval %d ms)%n",
            attempts, window.toSeconds(), maxInterval);
        assertThat(attempts).isPositive().isLessThanOrEqualTo(window.toMillis() / maxInterval + 10);
        assertThat(superUser.readAll("user-events-dlt"))
            .noneMatch(record -> userId.equals(record.key()));
      } finally {
        admin.createAcls(List.of(WRITE_DLT)).all().get(30, TimeUnit.SECONDS);
      }
      await()
          .atMost(PATIENCE)
          .until(
              () -> users.find(userId).map(row -> row.lastEventId()).orElse(null),
              after.eventId()::equals);
      assertThat(users.find(userId).orElseThrow().username()).isEqualTo("after_bad_record");
      await().atMost(PATIENCE).until(() -> paused() == 0.0);
      await().atMost(PATIENCE).until(() -> deadLetters(userId).size() == 1);
      // a late second dead letter of the same record would show up within a few back-offs
      Duration settle = settings.retry().maxInterval().multipliedBy(3).plusSeconds(2);
      await()
          .during(settle)
          .atMost(settle.plus(PATIENCE))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> deadLetters(userId).size() == 1);
      assertThat(deadLetters(userId))
          .singleElement()
          .satisfies(
              record ->
                  assertThat(new String(record.value(), StandardCharsets.UTF_8))
                      .isEqualTo("{not json"));
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(String userId) {
    return superUser.readAll("user-events-dlt").stream()
        .filter(record -> userId.equals(record.key()))
        .toList();
  }

  private double systemicFailures(String reason) {
    return meters
        .find("userevents.consumer.systemic.failures")
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private double paused() {
    Gauge gauge = meters.find("userevents.consumer.paused").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private double systemicFailures() {
    return meters.find("userevents.consumer.systemic.failures").counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private static List<AclBinding> acls(Admin admin) throws Exception {
    return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
  }
}
