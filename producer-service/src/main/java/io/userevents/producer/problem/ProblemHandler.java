package io.userevents.producer.problem;

import io.userevents.model.InvalidEventException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
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

/** Turns every exception a handler throws into a problem with a stable type URI. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidEventException.class)
  ResponseEntity<Object> invalidEvent(InvalidEventException ex, WebRequest request) {
    String message = ex.getMessage();
    String prefix = ex.field() + ": ";
    if (message != null && message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    ProblemDetail problem = Problems.validation(List.of(new InvalidField(ex.field(), message)));
    return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
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
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            ProblemTypes.INTERNAL,
            "Internal error",
            "The service failed to answer this request; it has been logged.");
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
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
    if (response != null
        && response.getBody() instanceof ProblemDetail detail
        && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
      detail.setType(ProblemTypes.forStatus(statusCode.value()));
    }
    return response;
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
