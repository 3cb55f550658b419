package io.userevents.model;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New identifiers as UUID version 7 (RFC 9562, section 5.7): 48 bits of Unix time in milliseconds,
 * then 74 random bits. Their text form sorts by creation time to the millisecond, so ids created
 * together land side by side in a database index (a B-tree appends at its right edge instead of
 * touching a random page per row); within one millisecond the order is random.
 *
 * <p>The random bits come from a {@link SecureRandom} per thread (a DRBG seeded once by the
 * operating system), so they stay unguessable while threads never wait for each other: {@link
 * UUID#randomUUID()} shares one generator, and one lock, among all threads of a JVM.
 */
public final class TimeOrderedIds {

  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(TimeOrderedIds::newGenerator);

  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_RFC_9562 = 0x8000_0000_0000_0000L;
  private static final long LOW_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;

  private TimeOrderedIds() {}

  /** A new id in its text form (36 lower-case characters), as events carry it. */
  public static String next() {
    return nextUuid().toString();
  }

  /** A new id, its time part the current time. */
  public static UUID nextUuid() {
    return at(System.currentTimeMillis(), RANDOM.get());
  }

  /**
   * The id for the given time, its random bits drawn from {@code random}.
   *
   * @throws IllegalArgumentException when the time does not fit in 48 bits
   */
  static UUID at(long epochMillis, SecureRandom random) {
    if (epochMillis < 0 || epochMillis >>> 48 != 0) {
      throw new IllegalArgumentException("epochMillis must fit in 48 bits: " + epochMillis);
    }
    byte[] bits = new byte[10];
    random.nextBytes(bits);
    long randA = ((bits[0] & 0xFFL) << 4 | (bits[1] & 0xFFL) >>> 4) & 0xFFFL;
    long randB = 0;
    for (int i = 2; i < 10; i++) {
      randB = randB << 8 | (bits[i] & 0xFFL);
    }
    long most = epochMillis << 16 | VERSION_7 | randA;
    long least = VARIANT_RFC_9562 | (randB & LOW_62_BITS);
    return new UUID(most, least);
  }

  private static SecureRandom newGenerator() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
