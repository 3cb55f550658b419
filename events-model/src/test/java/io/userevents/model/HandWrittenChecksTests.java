package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The username and email checks are hand-written for speed; they must accept exactly what the
 * published regular expressions ({@link UserEvent#USERNAME_REGEX}, {@link UserEvent#EMAIL_REGEX})
 * accept. Compared over edge cases, exhaustive short strings and many generated inputs.
 */
class HandWrittenChecksTests {

  private static final Pattern USERNAME = Pattern.compile(UserEvent.USERNAME_REGEX);
  private static final Pattern EMAIL = Pattern.compile(UserEvent.EMAIL_REGEX);

  /** Every character class boundary of both expressions, plus look-alikes. */
  private static final String ALPHABET =
      "aAzZ09mM._-@!#$%&'*+/=?^`{|}~ \t\n\r\u0085\u2028\u2029\u0000\"(),:;<>[\\]é\u00e9\u0130\u212a"
          + "\uff21\ud83d\ude00\ud800";

  private static void assertSame(String candidate) {
    assertThat(UserEventFields.isValidUsername(candidate))
        .as("username %s", escape(candidate))
        .isEqualTo(USERNAME.matcher(candidate).matches());
    assertThat(UserEventFields.isValidEmail(candidate))
        .as("email %s", escape(candidate))
        .isEqualTo(EMAIL.matcher(candidate).matches());
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "abc",
        "abc\n",
        "abc\r\n",
        "\nabc",
        "a.b",
        "___",
        "---",
        "a b",
        "ab\u0000",
        "user.42",
        "john@example.com",
        "john@example.com\n",
        "john@example.com\r\n",
        "john@example.com\u0085",
        "john@example.com\u2028",
        "john@example",
        "john@.example.com",
        "john@example..com",
        "john@example.com.",
        "john@-example.com",
        "john@example-.com",
        "john@ex-ample.com",
        "john@e.c",
        "john@1.2",
        "john@exa_mple.com",
        "@example.com",
        "john@@example.com",
        "jo@hn@example.com",
        "john.example.com",
        "john@",
        "john@.",
        "john@a.",
        "john@.a",
        "a@b.c-",
        "a@b.-c",
        "a@b.c--d",
        "\"john\"@example.com",
        "jöhn@example.com",
        "john@exämple.com",
        "john@EXAMPLE.COM",
        "!#$%&'*+/=?^_`{|}~-.@x.y",
        "john@example.com ",
        " john@example.com",
        "john@\u212aelvin.com",
        "john@\u0130stanbul.com",
      })
  void edgeCasesAgree(String candidate) {
    assertSame(candidate);
  }

  @Test
  void lengthBoundariesAgree() {
    for (int n = 0; n <= 70; n++) {
      assertSame("a".repeat(n));
      assertSame("a".repeat(n) + "@example.com");
      assertSame("john@" + "a".repeat(n) + ".com");
      assertSame("john@example." + "b".repeat(n));
      assertSame("john@" + "a-".repeat(n / 2) + "a.com");
      assertSame("john@" + "a".repeat(n) + "-.com");
      assertSame("john@x." + "a".repeat(Math.max(0, n - 1)) + "-b");
    }
    for (int labels = 1; labels <= 130; labels++) {
      assertSame("j@" + "a.".repeat(labels) + "b");
      assertSame("j@" + "ab.".repeat(labels));
    }
  }

  @Test
  void everyShortStringAgrees() {
    List<String> strings = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= 3; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (int i = 0; i < ALPHABET.length(); i++) {
          next.add(prefix + ALPHABET.charAt(i));
        }
      }
      strings.addAll(next);
      previous = next;
    }
    for (String s : strings) {
      assertSame(s);
    }
  }

  @Test
  void everyCharAgreesInEachPosition() {
    for (char c = 0; c < 0x3000; c++) {
      String ch = String.valueOf(c);
      assertSame(ch + "bc");
      assertSame("ab" + ch + "c");
      assertSame("abc" + ch);
      assertSame(ch + "@example.com");
      assertSame("jo" + ch + "hn@example.com");
      assertSame("john@" + ch + "example.com");
      assertSame("john@ex" + ch + "ample.com");
      assertSame("john@example" + ch + ".com");
      assertSame("john@example." + ch + "com");
      assertSame("john@example.com" + ch);
      assertSame("john" + ch + "example.com");
    }
  }

  @Test
  void generatedStringsAgree() {
    SplittableRandom random = new SplittableRandom(20261126L);
    String emailish = "aZ9.-@_+";
    for (int i = 0; i < 300_000; i++) {
      String pool = (i % 2 == 0) ? ALPHABET : emailish;
      int length = random.nextInt(0, (i % 3 == 0) ? 80 : 20);
      StringBuilder s = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        s.append(pool.charAt(random.nextInt(pool.length())));
      }
      assertSame(s.toString());
    }
  }

  @Test
  void generatedAddressShapesAgree() {
    SplittableRandom random = new SplittableRandom(42L);
    String localPool = "aZ9.!#$%&'*+/=?^_`{|}~-@ é";
    String labelPool = "aZ9-_.@ é";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      int localLength = pickLength(random, 64);
      for (int j = 0; j < localLength; j++) {
        s.append(pick(random, localPool, 0.97));
      }
      s.append('@');
      int labels = random.nextInt(0, 5);
      for (int l = 0; l < labels; l++) {
        if (l > 0) {
          s.append('.');
        }
        int labelLength = pickLength(random, 63);
        for (int j = 0; j < labelLength; j++) {
          s.append(pick(random, labelPool, 0.9));
        }
      }
      if (random.nextInt(20) == 0) {
        s.append(random.nextBoolean() ? "\n" : ".");
      }
      assertSame(s.toString());
    }
  }

  /** Lengths clustered around 0, 1 and the bound. */
  private static int pickLength(SplittableRandom random, int bound) {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextInt(0, 3);
      case 1 -> bound - 1 + random.nextInt(0, 3);
      default -> random.nextInt(1, 12);
    };
  }

  /** Mostly the first three characters of the pool (always valid), sometimes any of it. */
  private static char pick(SplittableRandom random, String pool, double commonShare) {
    return random.nextDouble() < commonShare
        ? pool.charAt(random.nextInt(3))
        : pool.charAt(random.nextInt(pool.length()));
  }
}
