package io.userevents.consumer.api;

import io.userevents.service.problem.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code after}/{@code next} cursor of the user list: the last user id of a page,
 * base64url without padding, so that it needs no escaping in a query string.
 */
final class PageCursor {

  /** Longest cursor: a 128-code-point id is at most 512 UTF-8 bytes. */
  static final int MAX_LENGTH = 683;

  private PageCursor() {}

  static String encode(String userId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(userId.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The user id in {@code cursor}.
   *
   * @throws ValidationException 400 {@code validation} when it is not a cursor this API wrote
   */
  static String decode(String cursor) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(cursor);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new ValidationException("after", "not a cursor from a previous page's 'next'");
    }
  }
}
