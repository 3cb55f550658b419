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
 * <p>The random bits come from a few {@link SecureRandom} generators (DRBGs seeded by the operating
 * system), twice as many as the JVM has processors, each thread always using the same one: they
 * stay unguessable while threads seldom wait for each other, where {@link UUID#randomUUID()} shares
 * one generator, and one lock, among all threads of a JVM. Generators are not made per thread, so a
 * virtual thread per request costs no generator of its own. Each generator draws the bits of 32 ids
 * at a time and hands each byte out once.
 */
public final class TimeOrderedIds {

  /** Random bits for this many ids are drawn at a time: a draw costs several times one id. */
  private static final int IDS_PER_DRAW = 32;

  private static final int BYTES_PER_ID = 10;

  private static final RandomBits[] GENERATORS = generators();

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
    int thread = Long.hashCode(Thread.currentThread().getId());
    return GENERATORS[thread & (GENERATORS.length - 1)].next();
  }

  /** A power of two at least twice the processors, so that a thread's generator is seldom busy. */
  private static RandomBits[] generators() {
    int count = 1;
    while (count < 2 * Runtime.getRuntime().availableProcessors()) {
      count <<= 1;
    }
    RandomBits[] generators = new RandomBits[count];
    for (int i = 0; i < count; i++) {
      generators[i] = new RandomBits();
    }
    return generators;
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

  /** A generator and the random bytes drawn from it that no id has used yet. */
  private static final class RandomBits {

    private final SecureRandom random = newGenerator();
    private final byte[] bytes = new byte[IDS_PER_DRAW * BYTES_PER_ID];
    private int next = bytes.length;

    /** A new id from the next 10 bytes, which are not handed out again. */
    synchronized UUID next() {
      if (next == bytes.length) {
        random.nextBytes(bytes);
        next = 0;
      }
      UUID id = at(System.currentTimeMillis(), bytes, next);
      next += BYTES_PER_ID;
      return id;
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
