package io.userevents.producer.ingest;

import io.userevents.producer.web.RequestAttributes;
import io.userevents.service.problem.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A client's {@code Idempotency-Key}, scoped to the caller (the authenticated principal, when there
 * is one), the method and the path it was sent to: two callers that happen to pick the same key
 * neither see each other's responses nor get the same event id. Ids derived from it are name-based
 * UUIDs, so every producer instance derives the same ones: a retry that reaches another instance,
 * or comes after the replay window, still carries the same event id and the consumer's
 * deduplication absorbs it.
 *
 * @param scope caller, method and path, for example {@code PUT /api/users/42} without
 *     authentication and {@code client-7 PUT /api/users/42} for principal {@code client-7}
 * @param key the header value
 * @param fingerprint a digest of scope and body, to tell a replay from a conflicting reuse
 */
record IdempotencyKey(String scope, String key, String fingerprint) {

  static final String HEADER = "Idempotency-Key";

  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");
  private static final String NAMESPACE = "urn:io.userevents:idempotency:";

  /**
   * The key of the request, or null when it carries none.
   *
   * @throws ValidationException when the header is longer than {@code maxLength} or not printable
   *     ASCII
   */
  static @Nullable IdempotencyKey of(HttpServletRequest request, int maxLength) {
    String key = request.getHeader(HEADER);
    if (key == null) {
      return null;
    }
    if (key.length() > maxLength || !PRINTABLE.matcher(key).matches()) {
      throw new ValidationException(
          HEADER, "must be 1 to " + maxLength + " printable ASCII characters");
    }
    Principal caller = request.getUserPrincipal();
    String scope =
        (caller == null ? "" : caller.getName() + " ")
            + request.getMethod()
            + " "
            + request.getRequestURI();
    return new IdempotencyKey(scope, key, fingerprint(scope, RequestAttributes.body(request)));
  }

  /** The event id every retry with this key gets. */
  String eventId() {
    return derive("event|" + scope + "|" + key);
  }

  /** The user id a create with this key gets, so that a retried create names the same user. */
  String userId() {
    return derive("user|" + scope + "|" + key);
  }

  /** The key under which the response is remembered. */
  String storeKey() {
    return scope + "|" + key;
  }

  private static String derive(String name) {
    return UUID.nameUUIDFromBytes((NAMESPACE + name).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String fingerprint(String scope, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(scope.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
