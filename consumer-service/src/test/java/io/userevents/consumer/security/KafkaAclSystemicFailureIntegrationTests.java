package io.userevents.consumer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userevents.admin.testsupport.SecuredKafka;
import io.userevents.consumer.support.TestEvents;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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

  @Autowired MeterRegistry meters;

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

  @Test
  void holdsABadRecordWhileTheDeadLetterTopicRefusesItsWritesAndLosesNothing() throws Exception {
    String userId = TestEvents.uniqueUserId("dlt-refused");
    UserEvent behind = TestEvents.created(userId, "behind_bad_record");
    try (Admin admin = Admin.create(SecuredKafka.shared().superUserProperties())) {
      admin.deleteAcls(List.of(WRITE_DLT.toFilter())).all().get(30, TimeUnit.SECONDS);
      try {
        await().atMost(PATIENCE).until(() -> !acls(admin).contains(WRITE_DLT));
        double before = systemicFailures("dead-letter-unavailable");
        superUser.send("user-events", userId, "{not json".getBytes(StandardCharsets.UTF_8));
        superUser.send("user-events", behind);

        await().atMost(PATIENCE).until(() -> systemicFailures("dead-letter-unavailable") > before);
      } finally {
        admin.createAcls(List.of(WRITE_DLT)).all().get(30, TimeUnit.SECONDS);
      }
      assertThat(awaitUser(userId).lastEventId()).isEqualTo(behind.eventId());
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(superUser.readAll("user-events-dlt"))
                      .filteredOn(record -> userId.equals(record.key()))
                      .singleElement()
                      .satisfies(
                          record ->
                              assertThat(new String(record.value(), StandardCharsets.UTF_8))
                                  .isEqualTo("{not json")));
    }
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
