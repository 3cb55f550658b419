package io.userevents.producer.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for requests it refuses before they reach the application (an encoded slash
 * or NUL in the path, for example), written as a problem instead of an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String json =
        "{\"type\":\""
            + ProblemTypes.forStatus(status)
            + "\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\"The request was refused by the server: "
            + title
            + ".\"}";
    try {
      response.setContentType("application/problem+json");
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
