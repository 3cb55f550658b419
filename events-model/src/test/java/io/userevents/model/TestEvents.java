package io.userevents.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The fixed events whose encoded bytes are the golden vectors {@code vectors/v2/*.json}. */
public final class TestEvents {

  private TestEvents() {}

  /** The event of {@code vectors/v2/user-created.json}. */
  public static UserEvent created() {
    return new UserEvent(
        "3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b14",
        EventType.USER_CREATED,
        "user-456",
        "john_doe",
        "john@example.com",
        1645123456789L,
        orderedMap("source", "web-ui", "version", "1.0"),
        2,
        "req-7f3c2a");
  }

  /** The event of {@code vectors/v2/user-updated.json}: metadata of every JSON type. */
  public static UserEvent updated() {
    return new UserEvent(
        "9b2d4e61-0a7f-4c3b-8e25-6d1f9a0c7b32",
        EventType.USER_UPDATED,
        "user-456",
        "john.doe",
        "john.doe@example.org",
        1645123999000L,
        orderedMap(
            "source",
            "admin-console",
            "changedFields",
            new ArrayList<>(Arrays.asList("username", "email")),
            "attempt",
            2,
            "sequence",
            9007199254740993L,
            "sampleRatio",
            0.25,
            "reviewed",
            true,
            "ticket",
            null,
            "audit",
            orderedMap("by", "ops-7", "note", "Zoë said \"ok\"\n")),
        2,
        null);
  }

  /** The event of {@code vectors/v2/user-deleted.json}. */
  public static UserEvent deleted() {
    return new UserEvent(
        "c47a0e1b-5f3d-4d2a-b8e9-1a6c3f5d7e90",
        EventType.USER_DELETED,
        "user-456",
        null,
        null,
        1645124000000L,
        orderedMap("source", "gdpr-erasure"),
        2,
        "erasure-2022-0042");
  }

  /** A mutable insertion-ordered map of alternating keys and values; values may be null. */
  public static Map<String, @Nullable Object> orderedMap(@Nullable Object... keysAndValues) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
