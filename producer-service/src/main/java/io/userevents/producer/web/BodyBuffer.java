package io.userevents.producer.web;

import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One request body, read into a buffer that grows (doubling, from {@value #FIRST_CAPACITY} bytes)
 * as bytes arrive and never beyond the endpoint's limit: a declared {@code Content-Length} sizes
 * nothing. Every byte of capacity is taken from the {@link BodyBudget} first and given back by
 * {@link #release()}.
 */
final class BodyBuffer {

  static final int FIRST_CAPACITY = 4096;

  /** Where reading stands after {@link #readArrived} or {@link #readAvailable}. */
  enum State {
    /** The stream ended; {@link #bytes()} is the body. */
    COMPLETE,
    /** More bytes are to come; none can be read now without blocking. */
    WAITING,
    /** The body is longer than the limit. */
    TOO_LARGE,
    /** The budget of all bodies in flight cannot hold more. */
    BUSY,
    /** The body was not complete by its deadline. */
    TIMED_OUT
  }

  private final int limit;
  private final BodyBudget budget;
  private byte[] buffer = new byte[0];
  private int length;
  private long reserved;

  BodyBuffer(int limit, BodyBudget budget) {
    this.limit = limit;
    this.budget = budget;
  }

  /** Reads what can be read without blocking (all of it, when the stream blocks never). */
  synchronized State readAvailable(ServletInputStream in) throws IOException {
    while (in.isReady()) {
      if (length == buffer.length && !grow()) {
        return length > limit ? State.TOO_LARGE : State.BUSY;
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read == -1) {
        return State.COMPLETE;
      }
      length += read;
      if (length > limit) {
        return State.TOO_LARGE;
      }
    }
    return in.isFinished() ? State.COMPLETE : State.WAITING;
  }

  /**
   * Reads, on a stream in blocking mode, only the bytes that have arrived already ({@code
   * available()} says so): a body sent with its headers is usually complete after this, with no
   * asynchronous read at all. Never waits for a byte.
   */
  synchronized State readArrived(ServletInputStream in) throws IOException {
    while (!in.isFinished() && in.available() > 0) {
      if (length == buffer.length && !grow()) {
        return length > limit ? State.TOO_LARGE : State.BUSY;
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read == -1) {
        return State.COMPLETE;
      }
      length += read;
      if (length > limit) {
        return State.TOO_LARGE;
      }
    }
    return in.isFinished() ? State.COMPLETE : State.WAITING;
  }

  /** The body read so far. */
  synchronized byte[] bytes() {
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /** Gives the capacity back to the budget; the buffer is not used after. */
  synchronized void release() {
    budget.release(reserved);
    reserved = 0;
    buffer = new byte[0];
    length = 0;
  }

  /** One byte past the limit tells a body of exactly the limit from a longer one. */
  private boolean grow() {
    long cap = (long) limit + 1;
    if (buffer.length >= cap) {
      return false;
    }
    int capacity = (int) Math.min(cap, Math.max(FIRST_CAPACITY, 2L * buffer.length));
    if (!budget.tryReserve(capacity - buffer.length)) {
      return false;
    }
    reserved += capacity - buffer.length;
    buffer = Arrays.copyOf(buffer, capacity);
    return true;
  }
}
