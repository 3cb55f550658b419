package io.userevents.service.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it refuses before they reach the application (an encoded slash
 * or NUL in the path, for example), written as a problem instead of an HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

  private final ProblemResponseWriter problems;

  ProblemErrorReportValve(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String json =
        problems.json(
            Problems.of(
                ProblemType.forStatus(status),
                HttpStatusCode.valueOf(status),
                "The request was refused by the server: " + title + "."));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot be written; nothing more to do.
    }
  }
}
