package io.userevents.model;

import org.jspecify.annotations.Nullable;

/**
 * The field checks behind {@link UserEvent}'s invariants: ids, username and email. Each throws
 * {@link InvalidEventException} naming the field. The username and email checks are hand-written
 * for speed and accept exactly what {@link UserEvent#USERNAME_REGEX} and {@link
 * UserEvent#EMAIL_REGEX} match.
 */
final class UserEventFields {

  private UserEventFields() {}

  static void requireId(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidEventException(field, "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > UserEvent.MAX_ID_LENGTH) {
      throw new InvalidEventException(
          field, "must be at most " + UserEvent.MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidEventException(field, "must not contain control characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidEventException(
            field, "must be well-formed Unicode (no unpaired surrogates)");
      }
    }
  }

  static void checkUsername(@Nullable String username, boolean required) {
    if (username == null) {
      if (required) {
        throw new InvalidEventException("username", "is required");
      }
      return;
    }
    if (!isValidUsername(username)) {
      throw new InvalidEventException(
          "username", "must be 3 to 50 letters, digits, dots, underscores or hyphens");
    }
  }

  static void checkEmail(@Nullable String email, boolean required) {
    if (email == null) {
      if (required) {
        throw new InvalidEventException("email", "is required");
      }
      return;
    }
    if (email.length() > UserEvent.MAX_EMAIL_LENGTH || !isValidEmail(email)) {
      throw new InvalidEventException("email", "must be a valid email address");
    }
  }

  /** Characters of {@link UserEvent#USERNAME_REGEX}'s class, indexed by ASCII code. */
  private static final boolean[] USERNAME_CHARS = asciiSet("._-");

  /** Characters of the local part of {@link UserEvent#EMAIL_REGEX}, indexed by ASCII code. */
  private static final boolean[] EMAIL_LOCAL_CHARS = asciiSet(".!#$%&'*+/=?^_`{|}~-");

  private static boolean[] asciiSet(String extra) {
    boolean[] set = new boolean[128];
    for (char c = 'A'; c <= 'Z'; c++) {
      set[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      set[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      set[c] = true;
    }
    for (int i = 0; i < extra.length(); i++) {
      set[extra.charAt(i)] = true;
    }
    return set;
  }

  private static boolean in(boolean[] set, char c) {
    return c < 128 && set[c];
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Exactly the strings {@link UserEvent#USERNAME_REGEX} matches as a whole, without a regex
   * engine.
   */
  static boolean isValidUsername(String username) {
    int length = username.length();
    if (length < 3 || length > 50) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!in(USERNAME_CHARS, username.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Exactly the strings {@link UserEvent#EMAIL_REGEX} matches as a whole, without a regex engine: 1
   * to 64 local-part characters, {@code @}, then at least two dot-separated labels of 1 to 63 ASCII
   * letters, digits or hyphens that neither start nor end with a hyphen. Neither part may hold an
   * {@code @}, so the first one splits them.
   */
  static boolean isValidEmail(String email) {
    int length = email.length();
    int at = 0;
    while (at < length && in(EMAIL_LOCAL_CHARS, email.charAt(at))) {
      at++;
    }
    if (at < 1 || at > 64 || at >= length || email.charAt(at) != '@') {
      return false;
    }
    int labels = 0;
    int labelStart = at + 1;
    for (int i = labelStart; ; i++) {
      if (i == length || email.charAt(i) == '.') {
        int labelLength = i - labelStart;
        if (labelLength < 1
            || labelLength > 63
            || !isAsciiAlphanumeric(email.charAt(labelStart))
            || !isAsciiAlphanumeric(email.charAt(i - 1))) {
          return false;
        }
        labels++;
        if (i == length) {
          return labels >= 2;
        }
        labelStart = i + 1;
      } else {
        char c = email.charAt(i);
        if (c != '-' && !isAsciiAlphanumeric(c)) {
          return false;
        }
      }
    }
  }
}
