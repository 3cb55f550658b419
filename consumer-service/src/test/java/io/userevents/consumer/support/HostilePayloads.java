package io.userevents.consumer.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Payloads that must never be applied: random bytes and JSON crafted to break a reader. Every one
 * is invalid as an event; ids inside start with {@code hostile-} so a test can prove none was
 * recorded.
 */
public final class HostilePayloads {

  private HostilePayloads() {}

  /** {@code count} random byte arrays of 1 to 2,000 bytes, from a fixed seed. */
  public static List<byte[]> randomBytes(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[1 + random.nextInt(2000)];
      random.nextBytes(bytes);
      if (bytes[0] == '{') {
        bytes[0] = '!';
      }
      payloads.add(bytes);
    }
    return payloads;
  }

  /** Crafted JSON for the given user id. */
  public static List<byte[]> json(String userId) {
    String good =
        "\"eventType\":\"USER_CREATED\",\"userId\":\""
            + userId
            + "\",\"username\":\"valid_name\",\"email\":\"valid@example.com\","
            + "\"timestamp\":1700000000000";
    List<String> texts = new ArrayList<>();
    texts.add("");
    texts.add("null");
    texts.add("[]");
    texts.add("42");
    texts.add("\"a string\"");
    texts.add("true");
    texts.add("{");
    texts.add("{\"eventId\":\"hostile-trailing\"," + good + "} trailing");
    texts.add("{\"eventId\":\"hostile-dup\",\"eventId\":\"hostile-dup2\"," + good + "}");
    texts.add(
        "{\"eventId\":\"hostile-deep\","
            + good
            + ",\"metadata\":"
            + "{\"a\":".repeat(5000)
            + "1"
            + "}".repeat(5001));
    texts.add("[".repeat(100_000));
    texts.add(
        "{\"eventId\":\"hostile-huge\","
            + good
            + ",\"metadata\":{\"blob\":\""
            + "x".repeat(200_000)
            + "\"}}");
    texts.add(
        "{\"eventId\":\"hostile-type\"," + good.replace("1700000000000", "\"yesterday\"") + "}");
    texts.add(
        "{\"eventId\":\"hostile-uid-num\"," + good.replace("\"" + userId + "\"", "123") + "}");
    texts.add("{\"eventId\":\"hostile-meta-array\"," + good + ",\"metadata\":[1,2,3]}");
    texts.add("{\"eventId\":null,\"eventType\":null,\"userId\":null,\"timestamp\":null}");
    texts.add("{\"eventId\":\"hostile-nan\"," + good.replace("1700000000000", "NaN") + "}");
    texts.add(
        "{\"eventId\":\"hostile-big-number\","
            + good.replace("1700000000000", "99999999999999999999999999")
            + "}");
    // 1.7e12 would be an integer to JSON Schema (and to the codec); a fraction is not.
    texts.add(
        "{\"eventId\":\"hostile-float\"," + good.replace("1700000000000", "1700000000000.5") + "}");
    texts.add("{\"eventId\":\"hostile-exp\"," + good.replace("1700000000000", "1e400") + "}");
    texts.add("{\"eventId\":\"hostile-neg\"," + good.replace("1700000000000", "-5") + "}");
    texts.add("{\"eventId\":\"hostile-zero\"," + good.replace("1700000000000", "0") + "}");
    texts.add("{\"eventId\":\"hostile-kind\"," + good.replace("USER_CREATED", "USER_HACKED") + "}");
    texts.add(
        "{\"eventId\":\"hostile-sql\","
            + good.replace("valid_name", "x'; DROP TABLE users; --")
            + "}");
    texts.add(
        "{\"eventId\":\"hostile-crlf\","
            + good.replace("valid@example.com", "a@example.com\\r\\nBcc: b@example.com")
            + "}");
    texts.add("{\"eventId\":\"hostile-nul\"," + good.replace(userId, userId + "\\u0000") + "}");
    texts.add("{\"eventId\":\"hostile-newline\"," + good.replace(userId, userId + "\\n") + "}");
    texts.add("{\"eventId\":\"hostile-\\ud800\"," + good + "}");
    texts.add("{\"eventId\":\"hostile-" + "x".repeat(200) + "\"," + good + "}");
    texts.add("{\"eventId\":\"hostile-v0\"," + good + ",\"schemaVersion\":0}");
    texts.add("{\"eventId\":\"hostile-v3\"," + good + ",\"schemaVersion\":3}");
    texts.add("{\"eventId\":\"hostile-vmax\"," + good + ",\"schemaVersion\":2147483648}");
    texts.add(
        "{\"eventId\":\"hostile-nouser\",\"eventType\":\"USER_CREATED\","
            + "\"username\":\"valid_name\",\"email\":\"valid@example.com\",\"timestamp\":1}");
    texts.add(
        "{\"eventId\":\"hostile-meta-keys\","
            + good
            + ",\"metadata\":{"
            + "\"k\":1,".repeat(0)
            + manyKeys(500)
            + "}}");
    List<byte[]> payloads = new ArrayList<>();
    texts.forEach(t -> payloads.add(t.getBytes(StandardCharsets.UTF_8)));
    // invalid UTF-8 inside a string
    byte[] badUtf8 =
        ("{\"eventId\":\"hostile-utf8-\u00ff\"," + good + "}")
            .getBytes(StandardCharsets.ISO_8859_1);
    payloads.add(badUtf8);
    return payloads;
  }

  private static String manyKeys(int count) {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        keys.append(',');
      }
      keys.append("\"key").append(i).append("\":\"").append("v".repeat(100)).append('"');
    }
    return keys.toString();
  }
}
