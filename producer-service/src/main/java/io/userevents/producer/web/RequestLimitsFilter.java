package io.userevents.producer.web;

import io.userevents.producer.config.IngestProperties;
import io.userevents.producer.problem.ProblemResponseWriter;
import io.userevents.producer.problem.ProblemTypes;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a client can make the service hold: request headers ({@code 431} above {@code
 * limits.max-header-size}) and, on the API, bodies ({@code 413} above {@code limits.max-body-size},
 * or {@code limits.bulk-max-body-size} for {@code /api/events}). A body within its limit is read
 * once, here, and replayed to the endpoint; a larger one is never read further than its limit.
 */
@Component
class RequestLimitsFilter extends OncePerRequestFilter {

  static final String BULK_PATH = "/api/events";

  private final IngestProperties.Limits limits;
  private final ProblemResponseWriter problems;

  RequestLimitsFilter(IngestProperties properties, ProblemResponseWriter problems) {
    this.limits = properties.limits();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long headerBytes = headerBytes(request);
    if (headerBytes > limits.maxHeaderSize().toBytes()) {
      problems.write(
          response,
          ProblemTypes.problem(
              HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              ProblemTypes.HEADERS_TOO_LARGE,
              "Request headers too large",
              "Request headers must be at most " + limits.maxHeaderSize().toBytes() + " bytes"));
      return;
    }
    if (!request.getRequestURI().startsWith("/api/")) {
      chain.doFilter(request, response);
      return;
    }
    int limit =
        BULK_PATH.equals(request.getRequestURI())
            ? limits.bulkMaxBodyBytes()
            : limits.maxBodyBytes();
    long declared = request.getContentLengthLong();
    byte @Nullable [] body =
        declared > limit ? null : readAtMost(request.getInputStream(), limit, declared);
    if (body == null) {
      problems.write(
          response,
          ProblemTypes.problem(
              HttpStatus.CONTENT_TOO_LARGE,
              ProblemTypes.PAYLOAD_TOO_LARGE,
              "Payload too large",
              "The body of this request must be at most " + limit + " bytes"));
      return;
    }
    request.setAttribute(RequestAttributes.BODY, body);
    chain.doFilter(new CachedBodyRequest(request, body), response);
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

  /**
   * The whole stream, or null when it holds more than {@code limit} bytes. A declared length (-1
   * when unknown) only sizes the first buffer: the stream may still end earlier or go on.
   */
  private static byte @Nullable [] readAtMost(InputStream in, int limit, long declared)
      throws IOException {
    // One read past the declared length tells whether the stream ends where it said it would.
    long cap = Math.min((long) limit + 1, Integer.MAX_VALUE - 8);
    byte[] buffer = new byte[(int) Math.min(declared >= 0 ? declared + 1 : 8192, cap)];
    int total = 0;
    int read;
    while ((read = in.read(buffer, total, buffer.length - total)) != -1) {
      total += read;
      if (total > limit) {
        return null;
      }
      if (total == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(cap, 2L * buffer.length));
      }
    }
    return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
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
