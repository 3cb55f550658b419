package io.userevents.service.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every problem body passes through here: {@link #finish} fills in what the body must have (a
 * catalog type, a title), {@link #headers} what the response must have ({@code Retry-After} for a
 * retryable type), and {@link #write} serializes it with the application's Jackson mapper for
 * filters, security handlers and the servlet container, which answer outside Spring MVC.
 */
public class ProblemResponseWriter {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  /** The W3C trace id Micrometer Tracing puts in the MDC while a request's span is current. */
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  private final JsonMapper mapper;
  private final ProblemProperties properties;

  public ProblemResponseWriter(JsonMapper mapper, ProblemProperties properties) {
    this.mapper = mapper;
    this.properties = properties;
  }

  /**
   * Completes the problem in place: a type from the catalog when it has none, its title, and the
   * request's {@code traceId} when tracing has one in scope.
   */
  public ProblemDetail finish(ProblemDetail problem) {
    String traceId = MDC.get("traceId");
    if (traceId != null && TRACE_ID.matcher(traceId).matches()) {
      problem.setProperty("traceId", traceId);
    }
    ProblemType type = ProblemType.fromUri(problem.getType());
    if (type == null && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
      type = ProblemType.forStatus(problem.getStatus());
      problem.setType(type.uri());
    }
    if (problem.getTitle() == null && type != null) {
      problem.setTitle(type.title());
    }
    return problem;
  }

  /** The headers the problem's response must carry besides the content type. */
  public HttpHeaders headers(ProblemDetail problem) {
    HttpHeaders headers = new HttpHeaders();
    ProblemType type = ProblemType.fromUri(problem.getType());
    if (type != null && type.retryable()) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfterSeconds()));
    }
    return headers;
  }

  /** Writes the problem with its status unless the response is already committed. */
  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    finish(problem);
    response.setStatus(problem.getStatus());
    headers(problem)
        .forEach(
            (name, values) -> {
              if (!response.containsHeader(name)) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), members(problem));
  }

  /** The finished problem as JSON text, for writers that only offer a character stream. */
  public String json(ProblemDetail problem) {
    return mapper.writeValueAsString(members(finish(problem)));
  }

  /** The RFC 9457 members of the problem, extensions flattened to the top level. */
  private static Map<String, Object> members(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", String.valueOf(problem.getType()));
    if (problem.getTitle() != null) {
      members.put("title", problem.getTitle());
    }
    members.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      members.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      members.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      problem.getProperties().forEach(members::putIfAbsent);
    }
    return members;
  }
}
