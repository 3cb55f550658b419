package io.userevents.model;

import static io.userevents.model.TestEvents.orderedMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventMetadataTests {

  @Test
  void copyIsUnmodifiableAtEveryDepth() {
    Map<String, @Nullable Object> copy =
        EventMetadata.copyOf(
            orderedMap(
                "list",
                new ArrayList<>(List.of("a")),
                "map",
                orderedMap("inner", new ArrayList<>(List.of(1)))));

    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) copy.get("list");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) copy.get("map");
    @SuppressWarnings("unchecked")
    List<Object> inner = (List<Object>) map.get("inner");

    assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.remove("list")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.keySet().remove("map"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(copy).containsKeys("list", "map");
    assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.put("y", 2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> inner.set(0, 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void laterChangesToTheSourceDoNotReachTheCopy() {
    List<Object> sourceList = new ArrayList<>(List.of("a"));
    Map<String, @Nullable Object> sourceInner = orderedMap("k", "v");
    Map<String, @Nullable Object> source = orderedMap("list", sourceList, "map", sourceInner);

    Map<String, @Nullable Object> copy = EventMetadata.copyOf(source);
    sourceList.add("b");
    sourceInner.put("k", "changed");
    source.put("new", true);

    assertThat(copy)
        .isEqualTo(orderedMap("list", List.of("a"), "map", orderedMap("k", "v")))
        .doesNotContainKey("new");
  }

  @Test
  void aCopyIsNotCopiedAgainAndEqualsAnEqualMap() {
    Map<String, @Nullable Object> copy =
        EventMetadata.copyOf(orderedMap("source", "web", "tags", new ArrayList<>(List.of("a"))));

    assertThat(EventMetadata.copyOf(copy)).isSameAs(copy);
    assertThat(copy)
        .isEqualTo(Map.of("source", "web", "tags", List.of("a")))
        .hasSameHashCodeAs(Map.of("source", "web", "tags", List.of("a")));
    assertThat(copy).hasToString("{source=web, tags=[a]}");
  }

  @Test
  void keepsInsertionOrderAndNullValues() {
    Map<String, @Nullable Object> copy =
        EventMetadata.copyOf(orderedMap("z", 1, "a", null, "m", List.of()));

    assertThat(copy.keySet()).containsExactly("z", "a", "m");
    assertThat(copy).containsEntry("a", null);
  }

  @Test
  void nullOrEmptyIsTheEmptyMap() {
    assertThat(EventMetadata.copyOf(null)).isEmpty();
    assertThat(EventMetadata.copyOf(new HashMap<>())).isSameAs(Map.of());
  }

  @Test
  void acceptsEveryBoundExactly() {
    Map<String, @Nullable Object> full = new HashMap<>();
    for (int i = 0; i < EventMetadata.MAX_ENTRIES; i++) {
      full.put("k" + i, i);
    }
    assertThat(EventMetadata.copyOf(full)).hasSize(32);
    assertThat(EventMetadata.copyOf(Map.of("k".repeat(64), 1))).hasSize(1);
    assertThat(EventMetadata.copyOf(Map.of("😀".repeat(64), 1))).hasSize(1);
    // one key character plus 8191 value characters: 8192 in all
    assertThat(EventMetadata.copyOf(Map.of("k", "x".repeat(8191)))).hasSize(1);
    assertThat(EventMetadata.copyOf(Map.of("k", nested(EventMetadata.MAX_DEPTH)))).hasSize(1);
  }

  private static Arguments rejects(String description, @Nullable Map<?, ?> metadata) {
    return arguments(Named.of(description, metadata));
  }

  static Stream<Arguments> brokenBounds() {
    Map<String, @Nullable Object> tooMany = new HashMap<>();
    for (int i = 0; i <= EventMetadata.MAX_ENTRIES; i++) {
      tooMany.put("k" + i, i);
    }
    Map<Object, Object> integerKey = new HashMap<>();
    integerKey.put(1, "one");
    return Stream.of(
        rejects("33 entries", tooMany),
        rejects("a key of 65 characters", Map.of("k".repeat(65), 1)),
        rejects("an empty key", Map.of("", 1)),
        rejects("a nested key of 65 characters", Map.of("m", Map.of("k".repeat(65), 1))),
        rejects("a key that is not a string", Map.of("m", integerKey)),
        rejects("8193 characters in all", Map.of("k", "x".repeat(8192))),
        rejects(
            "8193 characters across nested values", Map.of("k", List.of("x".repeat(8191), "y"))),
        rejects("nesting deeper than 8", Map.of("k", nested(EventMetadata.MAX_DEPTH + 1))),
        rejects("an Instant", Map.of("k", Instant.EPOCH)),
        rejects("an arbitrary object", Map.of("k", new Object())),
        rejects("NaN", Map.of("k", Double.NaN)),
        rejects("infinity", Map.of("k", Float.POSITIVE_INFINITY)),
        rejects("a decimal too large for a double", Map.of("k", new BigDecimal("1e400"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBounds")
  @SuppressWarnings("unchecked")
  void rejectsMetadataBreakingARuleNamingTheMetadataField(Map<?, ?> metadata) {
    InvalidEventException error =
        catchThrowableOfType(
            InvalidEventException.class, () -> EventMetadata.copyOf((Map<String, ?>) metadata));

    assertThat(error.field()).isEqualTo("metadata");
  }

  @Test
  void holdsNumbersAsTheCodecReadsThemBack() {
    Map<String, @Nullable Object> copy =
        EventMetadata.copyOf(
            orderedMap(
                "byte",
                (byte) 1,
                "short",
                (short) 2,
                "smallLong",
                3L,
                "largeLong",
                Long.MAX_VALUE,
                "smallBigInteger",
                BigInteger.TEN,
                "longBigInteger",
                BigInteger.valueOf(Long.MIN_VALUE),
                "hugeBigInteger",
                BigInteger.TEN.pow(20),
                "float",
                0.1f,
                "bigDecimal",
                new BigDecimal("1.50")));

    assertThat(copy.get("byte")).isEqualTo(1);
    assertThat(copy.get("short")).isEqualTo(2);
    assertThat(copy.get("smallLong")).isEqualTo(3);
    assertThat(copy.get("largeLong")).isEqualTo(Long.MAX_VALUE);
    assertThat(copy.get("smallBigInteger")).isEqualTo(10);
    assertThat(copy.get("longBigInteger")).isEqualTo(Long.MIN_VALUE);
    assertThat(copy.get("hugeBigInteger")).isEqualTo(BigInteger.TEN.pow(20));
    assertThat(copy.get("float")).isEqualTo(0.1d);
    assertThat(copy.get("bigDecimal")).isEqualTo(1.5d);
  }

  /** A string inside {@code levels} nested lists. */
  private static Object nested(int levels) {
    Object value = "x";
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }
}
