package io.userevents.producer.web;

import io.userevents.producer.config.IngestProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The bytes of request bodies held at once across all requests in flight, bounded by {@code
 * limits.max-buffered-body-size}: many large bodies arriving together are turned away ({@code 503
 * server-busy}) instead of filling the heap.
 */
@Component
class BodyBudget {

  private final long maxBytes;
  private final AtomicLong held = new AtomicLong();

  @Autowired
  BodyBudget(IngestProperties properties) {
    this(properties.limits().maxBufferedBodySize().toBytes());
  }

  BodyBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Takes {@code bytes} from the budget, or nothing and false when that would exceed it. */
  boolean tryReserve(long bytes) {
    long before;
    do {
      before = held.get();
      if (before + bytes > maxBytes) {
        return false;
      }
    } while (!held.compareAndSet(before, before + bytes));
    return true;
  }

  /** Gives back bytes taken with {@link #tryReserve}. */
  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes held now. */
  long held() {
    return held.get();
  }
}
