package io.userevents.service.problem;

import io.userevents.model.InvalidEventException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every exception a handler throws into a problem with a stable type URI; every answer goes
 * through {@link ProblemResponseWriter#finish} and {@link ProblemResponseWriter#headers}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final ProblemResponseWriter problems;

  ProblemHandler(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidEventException.class)
  ResponseEntity<Object> invalidEvent(InvalidEventException ex, WebRequest request) {
    String message = ex.getMessage();
    String prefix = ex.field() + ": ";
    if (message != null && message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return answer(ex, Problems.invalid(ex.field(), String.valueOf(message)), request);
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Object> databaseUnavailable(DataAccessException ex, WebRequest request) {
    log.warn("Database unavailable ({})", ex.getClass().getName());
    return answer(
        ex,
        Problems.of(ProblemType.DATABASE_UNAVAILABLE, "The database is unavailable; retry later."),
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(
      Exception ex, HttpServletRequest servletRequest, WebRequest request) {
    log.error(
        "Unexpected {} answering {} {}",
        ex.getClass().getName(),
        servletRequest.getMethod(),
        servletRequest.getRequestURI(),
        ex);
    return answer(
        ex,
        Problems.of(
            ProblemType.INTERNAL, "The service failed to answer this request; it has been logged."),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidField> errors = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.add(new InvalidField(error.getField(), text(error)));
    }
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(error -> errors.add(new InvalidField(error.getObjectName(), text(error))));
    return handleExceptionInternal(ex, Problems.validation(errors), headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidField> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result -> {
              String name = result.getMethodParameter().getParameterName();
              result
                  .getResolvableErrors()
                  .forEach(
                      error ->
                          errors.add(
                              new InvalidField(name == null ? "request" : name, text(error))));
            });
    return handleExceptionInternal(
        ex, Problems.validation(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A parameter of the wrong type (a page number that is not a number) names the parameter. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "request" : ex.getPropertyName();
    return handleExceptionInternal(
        ex, Problems.invalid(name, "has the wrong type"), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return handleExceptionInternal(
        ex, Problems.malformed(describe(ex)), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    // A preset content type skips content negotiation: the problem is written even when the
    // Accept header asks for something else or cannot be parsed.
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.putAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, problemHeaders, statusCode, request);
    if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
      return response;
    }
    problems.finish(problem);
    HttpHeaders finished = new HttpHeaders();
    finished.putAll(response.getHeaders());
    problems.headers(problem).forEach(finished::putIfAbsent);
    return new ResponseEntity<>(problem, finished, response.getStatusCode());
  }

  private ResponseEntity<Object> answer(Exception ex, ProblemDetail problem, WebRequest request) {
    ResponseEntity<Object> response =
        handleExceptionInternal(
            ex, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    return response == null ? ResponseEntity.status(problem.getStatus()).build() : response;
  }

  /** What is wrong with the body, without echoing its content. */
  private static String describe(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getCause();
    if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JacksonException.Reference reference : databind.getPath()) {
        if (reference.getPropertyName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
        } else {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
      return "Field '" + path + "' has the wrong type or value";
    }
    if (cause instanceof JacksonException) {
      return "The body is not valid JSON";
    }
    return cause == null ? "A JSON body is required" : "The body cannot be read";
  }

  private static String text(MessageSourceResolvable error) {
    String message = error.getDefaultMessage();
    return message == null ? "is invalid" : message;
  }
}
