package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimeRulesTests {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final EventTimeRules rules = EventTimeRules.withDefaults();

  @Test
  void acceptsAnEventStampedUpToTheSkewInTheFuture() {
    UserEvent event = stamped(NOW.plus(EventTimeRules.DEFAULT_MAX_FUTURE_SKEW));

    assertThat(rules.requireNotInFuture(event, NOW)).isSameAs(event);
  }

  @Test
  void refusesAnEventStampedFurtherInTheFutureNamingTheTimestamp() {
    UserEvent event = stamped(NOW.plus(Duration.ofMinutes(1)).plusMillis(1));

    assertThatThrownBy(() -> rules.requireNotInFuture(event, NOW))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
  }

  @Test
  void refusesYear9999() {
    UserEvent event = stamped(Instant.ofEpochMilli(UserEvent.MAX_TIMESTAMP));

    assertThatThrownBy(() -> rules.requireNotInFuture(event, NOW))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void acceptsEventsFromThePast() {
    assertThat(rules.requireNotInFuture(stamped(Instant.ofEpochMilli(1)), NOW)).isNotNull();
  }

  @Test
  void refusesANegativeSkew() {
    assertThatThrownBy(() -> new EventTimeRules(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static UserEvent stamped(Instant time) {
    return UserEvent.deleted("u1", Map.of()).withTimestamp(time.toEpochMilli());
  }
}
