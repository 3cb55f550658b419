package io.userevents.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validation and deep immutable copies of {@link UserEvent#metadata()}: string keys, JSON values
 * ({@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map} or {@code null}).
 */
public final class EventMetadata {

  /** Most entries at the top level. */
  public static final int MAX_ENTRIES = 32;

  /** Longest key. */
  public static final int MAX_KEY_LENGTH = 64;

  /** Most characters of keys and scalar values in all, counted through nested values. */
  public static final int MAX_SIZE = 8192;

  /** Deepest nesting of lists and maps inside one value. */
  public static final int MAX_DEPTH = 8;

  private EventMetadata() {}

  /**
   * Checks the bounds and returns a deep immutable copy that keeps insertion order.
   *
   * @throws InvalidEventException naming {@code "metadata"} when a bound is exceeded or a value is
   *     not a JSON value
   */
  public static Map<String, @Nullable Object> copyOf(@Nullable Map<String, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    if (metadata.size() > MAX_ENTRIES) {
      throw new InvalidEventException("metadata", "must have at most " + MAX_ENTRIES + " entries");
    }
    int[] budget = {MAX_SIZE};
    return copyMap(metadata, 0, budget);
  }

  private static Map<String, @Nullable Object> copyMap(Map<?, ?> source, int depth, int[] budget) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
        throw new InvalidEventException("metadata", "keys must be non-empty strings");
      }
      if (key.length() > MAX_KEY_LENGTH) {
        throw new InvalidEventException(
            "metadata", "keys must be at most " + MAX_KEY_LENGTH + " characters");
      }
      spend(budget, key.length());
      copy.put(key, copyValue(entry.getValue(), depth, budget));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object copyValue(@Nullable Object value, int depth, int[] budget) {
    if (value == null) {
      spend(budget, 4);
      return null;
    }
    if (value instanceof String s) {
      spend(budget, s.length());
      return s;
    }
    if (value instanceof Boolean) {
      spend(budget, 5);
      return value;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      spend(budget, value.toString().length());
      return value;
    }
    if (value instanceof Double d && Double.isFinite(d)
        || value instanceof Float f && Float.isFinite(f)) {
      spend(budget, value.toString().length());
      return value;
    }
    if (depth >= MAX_DEPTH) {
      throw new InvalidEventException(
          "metadata", "values must be nested at most " + MAX_DEPTH + " levels deep");
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, depth + 1, budget);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(copyValue(item, depth + 1, budget));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new InvalidEventException(
        "metadata", "values must be JSON values, not " + value.getClass().getSimpleName());
  }

  private static void spend(int[] budget, int amount) {
    budget[0] -= amount;
    if (budget[0] < 0) {
      throw new InvalidEventException(
          "metadata", "must be at most " + MAX_SIZE + " characters in all");
    }
  }
}
