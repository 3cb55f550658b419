package io.userevents.producer.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a body as the container hands bytes over, holding no thread while a slow client sends.
 * However it ends - complete, over its limit, over the budget or too slow - the request is
 * dispatched back through the filters with the {@link BodyBuffer.State} in {@link #OUTCOME}, so
 * that the answer is written on a container thread. Only a client gone away ends it without an
 * answer.
 *
 * <p>Too slow ({@code 408}): bytes still arriving after the deadline, or none for Tomcat's read
 * timeout ({@code server.tomcat.connection-timeout}). Tomcat does not act on a dispatch from
 * another thread (or on its own async timeout) while a non-blocking read waits, so the deadline is
 * checked as bytes arrive; after a read timeout it does not dispatch at all, so that answer is
 * written in {@link #onError(Throwable)}.
 */
final class NonBlockingBodyRead implements ReadListener, AsyncListener {

  /** Request attribute: how the read ended. */
  static final String OUTCOME = NonBlockingBodyRead.class.getName() + ".outcome";

  private final AsyncContext async;
  private final ServletInputStream in;
  private final BodyBuffer body;
  private final long deadlineNanos;
  private final Stalled stalled;
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Answers a request whose client stopped sending its body (Tomcat's read timeout). */
  interface Stalled {
    void answer(HttpServletResponse response) throws IOException;
  }

  private NonBlockingBodyRead(
      AsyncContext async,
      ServletInputStream in,
      BodyBuffer body,
      long deadlineNanos,
      Stalled stalled) {
    this.async = async;
    this.stalled = stalled;
    this.in = in;
    this.body = body;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Starts reading; the request's thread returns to the container right after. Bytes arriving after
   * {@code timeout} end the read as {@link BodyBuffer.State#TIMED_OUT}.
   *
   * @return false, with the async context completed and nothing read, when the container cannot
   *     read without blocking (MockMvc's requests)
   */
  static boolean start(
      AsyncContext async,
      ServletInputStream in,
      BodyBuffer body,
      Duration timeout,
      Stalled stalled) {
    NonBlockingBodyRead read =
        new NonBlockingBodyRead(async, in, body, System.nanoTime() + timeout.toNanos(), stalled);
    // Tomcat's async timeout does not fire while a non-blocking read waits; see above.
    async.setTimeout(0);
    try {
      in.setReadListener(read);
    } catch (UnsupportedOperationException e) {
      async.complete();
      return false;
    }
    // Callbacks come only after the request's thread has returned to the container.
    async.addListener(read);
    return true;
  }

  @Override
  public void onDataAvailable() throws IOException {
    if (ended.get()) {
      return;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      end(BodyBuffer.State.TIMED_OUT);
      return;
    }
    BodyBuffer.State state = body.readAvailable(in);
    if (state != BodyBuffer.State.WAITING) {
      end(state);
    }
  }

  @Override
  public void onAllDataRead() {
    end(BodyBuffer.State.COMPLETE);
  }

  @Override
  public void onError(Throwable failure) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (failure instanceof SocketTimeoutException) {
      // Tomcat does not dispatch after a read error: answer here, committed before it does.
      try {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        stalled.answer(response);
        response.flushBuffer();
      } catch (IOException | RuntimeException e) {
        // Gone already: nobody to answer.
      }
    }
    // Otherwise the client went away or the connection broke: nobody to answer.
    async.complete();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    body.release();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // No container timeout (0): the deadline and the read timeout bound the read.
  }

  @Override
  public void onError(AsyncEvent event) {
    // onComplete follows and releases the buffer.
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Not restarted.
  }

  /** The first end wins; the others (a late onAllDataRead, say) change nothing. */
  private void end(BodyBuffer.State state) {
    if (ended.compareAndSet(false, true)) {
      async.getRequest().setAttribute(OUTCOME, state);
      async.dispatch();
    }
  }
}
