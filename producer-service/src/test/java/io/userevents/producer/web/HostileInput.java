package io.userevents.producer.web;

import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile requests: random bytes, truncated and deeply nested JSON, huge
 * strings, odd Unicode, wrong types, nulls, duplicate keys, wrong content types, oversized bodies
 * and headers, odd methods and paths. The same seed gives the same requests.
 */
final class HostileInput {

  /** One generated request. */
  record Case(String kind, String method, String path, Map<String, String> headers, byte[] body) {}

  static final String[] KINDS = {
    "random-bytes",
    "truncated-json",
    "deep-nesting",
    "huge-strings",
    "odd-unicode",
    "wrong-types",
    "nulls",
    "duplicate-keys",
    "content-types",
    "oversized-body",
    "oversized-headers",
    "hostile-headers",
    "bulk-garbage",
    "methods-and-paths",
  };

  private static final String[] ODD =
      new String[] {
        "\u0000",
        "\u202e",
        "\u200b",
        "\ufeff",
        "\ud83d\ude00",
        "\ud800",
        "\udfff",
        "\u00e9",
        "\u4e2d",
        "\\u0000",
        "\\ud800",
        "\"",
        "\\",
        "\n",
        "\t",
        "\u2028",
        "\uffff"
      };

  private final Random random;
  private final String token;

  HostileInput(long seed, String token) {
    this.random = new Random(seed);
    this.token = token;
  }

  Case next(int i) {
    String kind = KINDS[i % KINDS.length];
    return switch (kind) {
      case "random-bytes" -> json(kind, randomPath(), randomBytes(random.nextInt(2048)));
      case "truncated-json" -> {
        byte[] valid = validBody().getBytes(StandardCharsets.UTF_8);
        byte[] cut = new byte[random.nextInt(valid.length)];
        System.arraycopy(valid, 0, cut, 0, cut.length);
        yield json(kind, randomPath(), cut);
      }
      case "deep-nesting" -> {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1));
        String body =
            random.nextBoolean()
                ? nested
                : "{\"username\":\"deep\",\"email\":\"d@example.com\",\"metadata\":{\"x\":"
                    + nested
                    + "}}";
        yield json(kind, randomPath(), body);
      }
      case "huge-strings" -> {
        String huge = "a".repeat(random.nextInt(40_000));
        String field = random.nextBoolean() ? "username" : "email";
        yield json(
            kind,
            randomPath(),
            "{\"" + field + "\":\"" + huge + "\",\"email\":\"h@example.com\",\"username\":\"h\"}");
      }
      case "odd-unicode" -> {
        String name = oddString(1 + random.nextInt(30));
        String email = oddString(1 + random.nextInt(10)) + "@example.com";
        String key = oddString(1 + random.nextInt(5));
        yield json(
            kind,
            randomPath(),
            "{\"username\":\""
                + name
                + "\",\"email\":\""
                + email
                + "\",\"metadata\":{\""
                + key
                + "\":\""
                + oddString(5)
                + "\"}}");
      }
      case "wrong-types" -> {
        String[] values = {
          "1", "-1.5e400", "true", "[]", "{}", "[\"a\"]", "\"x\"", "123456789012345678901234567890"
        };
        yield json(
            kind,
            randomPath(),
            "{\"username\":"
                + pick(values)
                + ",\"email\":"
                + pick(values)
                + ",\"metadata\":"
                + pick(values)
                + "}");
      }
      case "nulls" -> {
        String[] bodies = {
          "null",
          "{\"username\":null,\"email\":null}",
          "{\"username\":\"nul\",\"email\":\"n@example.com\",\"metadata\":null}",
          "{\"username\":\"nul\",\"email\":\"n@example.com\",\"metadata\":{\"k\":null}}",
          "[null]",
          "[null,null]",
          "{}",
          "",
        };
        yield json(kind, randomPath(), pick(bodies));
      }
      case "duplicate-keys" ->
          json(
              kind,
              randomPath(),
              random.nextBoolean()
                  ? "{\"username\":\"dup\",\"username\":\"dup2\",\"email\":\"d@example.com\"}"
                  : "[{\"eventId\":\"1\",\"eventId\":\"2\",\"eventType\":\"USER_DELETED\","
                      + "\"userId\":\"u\",\"timestamp\":1}]");
      case "content-types" -> {
        String[] types = {
          "text/plain",
          "application/xml",
          "application/json; charset=latin-9000",
          "application/json;;;",
          "/",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/*",
          "*/*",
          "application/x-ndjson",
          "",
        };
        Map<String, String> headers = authorized();
        String type = pick(types);
        if (!type.isEmpty()) {
          headers.put("Content-Type", type);
        }
        yield new Case(
            kind, "POST", randomPath(), headers, validBody().getBytes(StandardCharsets.UTF_8));
      }
      case "oversized-body" -> {
        boolean bulk = random.nextBoolean();
        int size =
            bulk
                ? 256 * 1024 + 1 + random.nextInt(300_000)
                : 16 * 1024 + 1 + random.nextInt(64_000);
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = (byte) (bulk ? '[' : '{');
        yield json(kind, bulk ? "/api/events" : "/api/users", body);
      }
      case "oversized-headers" -> {
        Case base = json(kind, "/api/users", validBody().getBytes(StandardCharsets.UTF_8));
        int total = 4 * 1024 + random.nextInt(96 * 1024);
        int count = 1 + random.nextInt(8);
        for (int h = 0; h < count; h++) {
          base.headers().put("X-Big-" + h, "b".repeat(total / count));
        }
        yield base;
      }
      case "hostile-headers" -> {
        Case base = json(kind, randomPath(), validBody().getBytes(StandardCharsets.UTF_8));
        String value = printable(random.nextInt(200));
        switch (random.nextInt(6)) {
          case 0 -> base.headers().put("Idempotency-Key", value.isEmpty() ? " " : value);
          case 1 -> base.headers().put("X-Correlation-Id", value.isEmpty() ? " " : value);
          case 2 -> base.headers().put("traceparent", value);
          case 3 ->
              base.headers()
                  .put(
                      "Accept",
                      pick(
                          new String[] {
                            "text/html", "application/xml", "*/*", "x/y", "garbage", value
                          }));
          case 4 ->
              base.headers()
                  .put(
                      "Authorization",
                      pick(new String[] {"Bearer", "Bearer " + value, "Basic " + value, value}));
          default ->
              base.headers().put("Content-Encoding", pick(new String[] {"gzip", "br", value}));
        }
        yield base;
      }
      case "bulk-garbage" -> {
        StringBuilder body = new StringBuilder("[");
        int items = random.nextInt(8);
        for (int n = 0; n < items; n++) {
          if (n > 0) {
            body.append(',');
          }
          body.append(
              switch (random.nextInt(5)) {
                case 0 -> validEvent();
                case 1 -> "{\"eventType\":\"" + oddString(4) + "\"}";
                case 2 -> "\"" + oddString(8) + "\"";
                case 3 ->
                    "{\"eventId\":\"e\",\"eventType\":\"USER_CREATED\",\"userId\":\"u\","
                        + "\"timestamp\":\"yesterday\",\"schemaVersion\":99}";
                default -> new String(randomBytes(20), StandardCharsets.ISO_8859_1);
              });
        }
        if (random.nextInt(4) > 0) {
          body.append(']');
        }
        Case base = json(kind, "/api/events", body.toString());
        if (random.nextBoolean()) {
          base.headers().put("Content-Type", "application/x-ndjson");
          String ndjson = body.toString().replace("},{", "}\n{");
          yield new Case(
              kind, "POST", "/api/events", base.headers(), ndjson.getBytes(StandardCharsets.UTF_8));
        }
        yield base;
      }
      default -> {
        String[] methods = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "POST", "TRACE"};
        String[] paths = {
          "/",
          "/api",
          "/api/users",
          "/api/users/",
          "/api/users/a/b",
          "/api/events/1",
          "/api/users/%2e%2e",
          "/api/users/%00",
          "/api/users/%2F",
          "/api/users/;jsessionid=1",
          "/api/users/" + "x".repeat(200),
          "/actuator/env",
          "/error",
          "/api/users/%ZZ",
          "/api/users/%F0%9F%98%80",
          "/api//users",
          "/api/users/..%2f..%2fetc",
        };
        Map<String, String> headers = authorized();
        headers.put("Content-Type", "application/json");
        yield new Case(
            kind,
            pick(methods),
            pick(paths),
            headers,
            validBody().getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  private Case json(String kind, String path, String body) {
    return json(kind, path, body.getBytes(StandardCharsets.UTF_8));
  }

  private Case json(String kind, String path, byte[] body) {
    Map<String, String> headers = authorized();
    headers.put("Content-Type", "application/json");
    String method = path.startsWith("/api/users/") ? "PUT" : "POST";
    return new Case(kind, method, path, headers, body);
  }

  private Map<String, String> authorized() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    return headers;
  }

  private String randomPath() {
    return switch (random.nextInt(3)) {
      case 0 -> "/api/users";
      case 1 -> "/api/users/user-" + random.nextInt(1000);
      default -> "/api/events";
    };
  }

  private String validBody() {
    return "{\"username\":\"user"
        + random.nextInt(1000)
        + "\",\"email\":\"u"
        + random.nextInt(1000)
        + "@example.com\",\"metadata\":{\"n\":"
        + random.nextInt()
        + "}}";
  }

  private String validEvent() {
    return UserEventCodec.create()
        .encodeToString(
            UserEvent.created(
                "hostile-" + random.nextInt(100), "hostile", "h@example.com", Map.of()));
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private String oddString(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(random.nextBoolean() ? pick(ODD) : Character.toString(random.nextInt(0x10FFFF)));
    }
    return s.toString();
  }

  private String printable(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) (0x20 + random.nextInt(0x5F)));
    }
    return s.toString().trim();
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
