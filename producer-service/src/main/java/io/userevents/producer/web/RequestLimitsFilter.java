package io.userevents.producer.web;

import io.userevents.producer.config.IngestProperties;
import io.userevents.service.problem.ProblemResponseWriter;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a client can make the service hold: request headers ({@code 431} above {@code
 * limits.max-header-size}) and, on the API, bodies. A body is read as its bytes arrive, into a
 * buffer that grows with them (a declared {@code Content-Length} sizes nothing), without holding a
 * thread while a slow client sends, and is replayed to the endpoint: what arrived with the headers
 * is read at once, and only a body still on its way is read asynchronously (the request is then
 * dispatched again when it is complete). It ends with {@code 413} above {@code
 * limits.max-body-size} (or {@code limits.bulk-max-body-size} for {@code /api/events}), {@code 408}
 * when it takes longer than {@code limits.body-timeout}, and {@code 503 server-busy} when the
 * bodies of all requests in flight would exceed {@code limits.max-buffered-body-size}.
 */
@Component
class RequestLimitsFilter extends OncePerRequestFilter {

  static final String BULK_PATH = "/api/events";

  private static final String READING = RequestLimitsFilter.class.getName() + ".reading";

  private final IngestProperties.Limits limits;
  private final BodyBudget budget;
  private final ProblemResponseWriter problems;

  RequestLimitsFilter(
      IngestProperties properties, BodyBudget budget, ProblemResponseWriter problems) {
    this.limits = properties.limits();
    this.budget = budget;
    this.problems = problems;
  }

  /** The endpoint runs on the dispatch that follows a body read without blocking. */
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(READING) instanceof BodyBuffer read) {
      // The dispatch after a non-blocking read; the buffer is released when the request ends.
      BodyBuffer.State outcome =
          (BodyBuffer.State) request.getAttribute(NonBlockingBodyRead.OUTCOME);
      if (outcome == BodyBuffer.State.COMPLETE) {
        proceed(request, response, chain, read.bytes());
      } else {
        reject(response, outcome, limit(request));
      }
      return;
    }
    long headerBytes = headerBytes(request);
    if (headerBytes > limits.maxHeaderSize().toBytes()) {
      problems.write(
          response,
          Problems.of(
              ProblemType.HEADERS_TOO_LARGE,
              "Request headers must be at most " + limits.maxHeaderSize().toBytes() + " bytes"));
      return;
    }
    if (!request.getRequestURI().startsWith("/api/")) {
      chain.doFilter(request, response);
      return;
    }
    int limit = limit(request);
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit);
      return;
    }
    if (!hasBody(request)) {
      proceed(request, response, chain, new byte[0]);
      return;
    }
    BodyBuffer body = new BodyBuffer(limit, budget);
    BodyBuffer.State arrived = body.readArrived(request.getInputStream());
    if (arrived != BodyBuffer.State.WAITING) {
      // The whole body came with the headers (the usual small POST): no asynchronous read.
      try {
        if (arrived == BodyBuffer.State.COMPLETE) {
          proceed(request, response, chain, body.bytes());
        } else {
          reject(response, arrived, limit);
        }
      } finally {
        body.release();
      }
      return;
    }
    request.setAttribute(READING, body);
    if (NonBlockingBodyRead.start(
        request.startAsync(request, response),
        request.getInputStream(),
        body,
        limits.bodyTimeout(),
        stalled -> reject(stalled, BodyBuffer.State.TIMED_OUT, limit))) {
      return;
    }
    // A container that cannot read without blocking (MockMvc) holds the whole body already.
    request.removeAttribute(READING);
    try {
      BodyBuffer.State state = body.readAvailable(request.getInputStream());
      if (state == BodyBuffer.State.COMPLETE) {
        proceed(request, response, chain, body.bytes());
      } else {
        reject(response, state, limit);
      }
    } finally {
      body.release();
    }
  }

  private static void proceed(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body)
      throws ServletException, IOException {
    request.setAttribute(RequestAttributes.BODY, body);
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private int limit(HttpServletRequest request) {
    return BULK_PATH.equals(request.getRequestURI())
        ? limits.bulkMaxBodyBytes()
        : limits.maxBodyBytes();
  }

  /** HTTP/1.1: a request has a body when it declares a length above 0 or a transfer coding. */
  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private void reject(HttpServletResponse response, BodyBuffer.State state, int limit)
      throws IOException {
    closing(response);
    if (state == BodyBuffer.State.TOO_LARGE) {
      tooLarge(response, limit);
      return;
    }
    if (state == BodyBuffer.State.TIMED_OUT) {
      problems.write(
          response,
          Problems.of(
              ProblemType.REQUEST_TIMEOUT,
              "The body of this request must arrive within "
                  + limits.bodyTimeout().toMillis()
                  + " ms"));
      return;
    }
    problems.write(
        response,
        // Retry-After (userevents.problems.retry-after) comes with every 503 the writer writes.
        Problems.of(
            ProblemType.SERVER_BUSY,
            "The service is receiving as many request bodies as it can hold; this is its"
                + " capacity, not a fault of the request: send it again after Retry-After"));
  }

  private void tooLarge(HttpServletResponse response, int limit) throws IOException {
    problems.write(
        response,
        Problems.of(
            ProblemType.PAYLOAD_TOO_LARGE,
            "The body of this request must be at most " + limit + " bytes"));
  }

  /** The rest of the body is not read: the connection cannot carry another request. */
  private static void closing(HttpServletResponse response) {
    response.setHeader("Connection", "close");
  }

  private static long headerBytes(HttpServletRequest request) {
    long total = 0;
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
        total += name.length() + values.nextElement().length() + 4;
      }
    }
    return total;
  }

  /** Replays a body that was read already. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
    }

    private static Charset charset(@Nullable String encoding) {
      try {
        return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      } catch (IllegalArgumentException e) {
        return StandardCharsets.UTF_8;
      }
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
