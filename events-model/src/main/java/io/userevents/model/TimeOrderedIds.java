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
 * UUID#randomUUID()} shares one generator, and one lock, among all threads of a JVM. Each thread
 * draws the bits of 32 ids at a time and hands each byte out once.
 */
public final class TimeOrderedIds {

  /** Random bits for this many ids are drawn at a time: one draw costs about as much as ten ids. */
  private static final int IDS_PER_DRAW = 32;

  private static final int BYTES_PER_ID = 10;

  private static final ThreadLocal<RandomBits> RANDOM = ThreadLocal.withInitial(RandomBits::new);

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
    RandomBits random = RANDOM.get();
    int from = random.take();
    return at(System.currentTimeMillis(), random.bytes(), from);
  }

  /**
   * The id for the given time, its random bits drawn from {@code random}.
   *
   * @throws IllegalArgumentException when the time does not fit in 48 bits
   */
  static UUID at(long epochMillis, SecureRandom random) {
    byte[] bits = new byte[BYTES_PER_ID];
    random.nextBytes(bits);
    return at(epochMillis, bits, 0);
  }

  /** The id for the given time, its random bits {@code bits[from..from + 10)}. */
  private static UUID at(long epochMillis, byte[] bits, int from) {
    if (epochMillis < 0 || epochMillis >>> 48 != 0) {
      throw new IllegalArgumentException("epochMillis must fit in 48 bits: " + epochMillis);
    }
    long randA = ((bits[from] & 0xFFL) << 4 | (bits[from + 1] & 0xFFL) >>> 4) & 0xFFFL;
    long randB = 0;
    for (int i = from + 2; i < from + BYTES_PER_ID; i++) {
      randB = randB << 8 | (bits[i] & 0xFFL);
    }
    long most = epochMillis << 16 | VERSION_7 | randA;
    long least = VARIANT_RFC_9562 | (randB & LOW_62_BITS);
    return new UUID(most, least);
  }

  /** One thread's generator and the random bytes drawn from it that no id has used yet. */
  private static final class RandomBits {

    private final SecureRandom random = newGenerator();
    private final byte[] bytes = new byte[IDS_PER_DRAW * BYTES_PER_ID];
    private int next = bytes.length;

    byte[] bytes() {
      return bytes;
    }

    /** Where the next id's 10 bytes start; they are not handed out again. */
    int take() {
      if (next == bytes.length) {
        random.nextBytes(bytes);
        next = 0;
      }
      int from = next;
      next += BYTES_PER_ID;
      return from;
    }

    private static SecureRandom newGenerator() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }
  }
}
