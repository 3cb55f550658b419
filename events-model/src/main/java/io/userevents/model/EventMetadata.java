package io.userevents.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules for {@link UserEvent#metadata()} and the deep immutable copy the record holds.
 *
 * <p>Metadata is a JSON object: non-empty string keys of at most {@value #MAX_KEY_LENGTH}
 * characters (nested objects too), values that are JSON values ({@code String}, {@code Number},
 * {@code Boolean}, {@code List}, {@code Map} with string keys, or {@code null}). Bounds: at most
 * {@value #MAX_ENTRIES} top-level entries, lists and maps nested at most {@value #MAX_DEPTH} levels
 * inside a value, and at most {@value #MAX_SIZE} characters of keys and scalar values in all.
 *
 * <p>The copy is deeply unmodifiable, keeps insertion order, may hold {@code null} values, and
 * holds numbers as the codec reads them back (integers as {@code Integer}, {@code Long} or {@code
 * BigInteger}, whichever is smallest; other numbers as a finite {@code Double}), so that equal
 * events survive an encode/decode round trip equal.
 */
public final class EventMetadata {

  /** Most entries at the top level. */
  public static final int MAX_ENTRIES = 32;

  /** Longest key, in Unicode code points (as JSON Schema's {@code maxLength} counts). */
  public static final int MAX_KEY_LENGTH = 64;

  /** Most characters of keys and scalar values in all, counted through nested values. */
  public static final int MAX_SIZE = 8192;

  /** Deepest nesting of lists and maps inside one value. */
  public static final int MAX_DEPTH = 8;

  private EventMetadata() {}

  /**
   * Checks the rules above and returns a deep unmodifiable copy that keeps insertion order. A copy
   * this method returned is returned as it is: it cannot have changed, so every wither of {@link
   * UserEvent} shares its metadata instead of checking and copying it again.
   *
   * @param metadata the metadata to copy; null is read as empty
   * @return the copy, never null; {@code Map.of()} when empty
   * @throws InvalidEventException naming {@code "metadata"} when a bound is exceeded or a value is
   *     not a JSON value
   */
  public static Map<String, @Nullable Object> copyOf(@Nullable Map<String, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    if (metadata instanceof Checked checked) {
      return checked;
    }
    if (metadata.size() > MAX_ENTRIES) {
      throw new InvalidEventException("metadata", "must have at most " + MAX_ENTRIES + " entries");
    }
    int[] budget = {MAX_SIZE};
    return new Checked(copyMap(metadata, 0, budget));
  }

  /** A copy {@link #copyOf} made: unmodifiable through and through, and known to keep the rules. */
  private static final class Checked extends AbstractMap<String, @Nullable Object> {

    private final Map<String, @Nullable Object> entries;

    private Checked(Map<String, @Nullable Object> entries) {
      this.entries = entries;
    }

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public int size() {
      return entries.size();
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public @Nullable Object get(Object key) {
      return entries.get(key);
    }
  }

  private static Map<String, @Nullable Object> copyMap(Map<?, ?> source, int depth, int[] budget) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
        throw new InvalidEventException("metadata", "keys must be non-empty strings");
      }
      if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
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
    if (value instanceof Number number) {
      Number normalised = normaliseNumber(number);
      spend(budget, normalised.toString().length());
      return normalised;
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

  /**
   * The number as the type the codec reads it back as, so that an event survives an encode/decode
   * round trip unchanged: integers as the smallest of {@code Integer}, {@code Long} and {@code
   * BigInteger} that holds them, other numbers as a finite {@code Double}.
   */
  private static Number normaliseNumber(Number number) {
    if (number instanceof Integer) {
      return number;
    }
    if (number instanceof Short || number instanceof Byte) {
      return number.intValue();
    }
    if (number instanceof Long l) {
      return l == l.intValue() ? (Number) l.intValue() : l;
    }
    if (number instanceof BigInteger bi) {
      if (bi.bitLength() < Integer.SIZE) {
        return bi.intValue();
      }
      return bi.bitLength() < Long.SIZE ? (Number) bi.longValue() : bi;
    }
    double value;
    if (number instanceof Double d) {
      value = d;
    } else if (number instanceof Float f) {
      value = Double.parseDouble(f.toString());
    } else if (number instanceof BigDecimal bd) {
      value = bd.doubleValue();
    } else {
      throw new InvalidEventException(
          "metadata", "values must be JSON values, not " + number.getClass().getSimpleName());
    }
    if (!Double.isFinite(value)) {
      throw new InvalidEventException("metadata", "numbers must be finite");
    }
    return value;
  }

  private static void spend(int[] budget, int amount) {
    budget[0] -= amount;
    if (budget[0] < 0) {
      throw new InvalidEventException(
          "metadata", "must be at most " + MAX_SIZE + " characters in all");
    }
  }
}
