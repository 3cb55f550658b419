package io.userevents.producer.problem;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to the response, for filters and security handlers. */
@Component
public class ProblemResponseWriter {

  private final JsonMapper mapper;
  private final Tracer tracer;

  ProblemResponseWriter(JsonMapper mapper, ObjectProvider<Tracer> tracer) {
    this.mapper = mapper;
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
  }

  /** Writes the problem with its status unless the response is already committed. */
  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    ProblemTraceId.addTo(problem, tracer);
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), asMap(problem));
  }

  /** The RFC 9457 members of the problem, extensions flattened to the top level. */
  static Map<String, Object> asMap(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put(
        "type",
        problem.getType() == null
            ? ProblemTypes.forStatus(problem.getStatus()).toString()
            : problem.getType().toString());
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
