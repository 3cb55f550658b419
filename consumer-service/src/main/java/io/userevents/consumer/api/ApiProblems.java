package io.userevents.consumer.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as RFC 9457 {@code application/problem+json} with a stable type. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  static final URI NOT_FOUND = URI.create("https://userevents.io/problems/user-not-found");
  static final URI GONE = URI.create("https://userevents.io/problems/user-deleted");
  static final URI VALIDATION = URI.create("https://userevents.io/problems/validation");
  static final URI UNAVAILABLE = URI.create("https://userevents.io/problems/unavailable");
  static final String RETRY_AFTER_SECONDS = "5";

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler
  ProblemDetail notFound(UserNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(NOT_FOUND);
    problem.setTitle("User not found");
    problem.setProperty("userId", e.userId());
    return problem;
  }

  @ExceptionHandler
  ProblemDetail gone(UserGoneException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, e.getMessage());
    problem.setType(GONE);
    problem.setTitle("User deleted");
    problem.setProperty("userId", e.row().userId());
    problem.setProperty("lastEventId", e.row().lastEventId());
    problem.setProperty("lastEventTimestamp", e.row().lastEventTimestamp().toString());
    return problem;
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
    log.warn("Read API: database unavailable ({})", e.getClass().getName());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "The projection database is unavailable; retry later.");
    problem.setType(UNAVAILABLE);
    problem.setTitle("Service unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(problem);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                Map.of(
                                    "field",
                                    String.valueOf(result.getMethodParameter().getParameterName()),
                                    "message",
                                    String.valueOf(error.getDefaultMessage()))))
            .toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request parameters.");
    problem.setType(VALIDATION);
    problem.setTitle("Validation failed");
    problem.setProperty("errors", errors);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && statusCode.value() == 400
        && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
      problem.setType(VALIDATION);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }
}
