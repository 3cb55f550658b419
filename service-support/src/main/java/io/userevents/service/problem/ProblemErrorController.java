package io.userevents.service.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers error dispatches (the servlet container's {@code /error}) with a problem too, so that
 * errors raised outside Spring MVC (filters, the container) keep the format.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private final ProblemResponseWriter problems;

  ProblemErrorController(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // A client asking for /error itself, rather than an error dispatch, finds nothing.
    int status = code instanceof Integer value && value >= 400 ? value : 404;
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    ProblemDetail problem =
        Problems.of(
            ProblemType.forStatus(status),
            HttpStatusCode.valueOf(known == null ? 500 : status),
            status >= 500
                ? "The service failed to answer this request."
                : "The request was refused: " + title + ".");
    problems.finish(problem);
    return ResponseEntity.status(problem.getStatus())
        .headers(problems.headers(problem))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
