package io.userevents.producer.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 400: named fields (or headers) break a rule; listed in the {@code errors} extension. */
public class ValidationException extends ErrorResponseException {

  public ValidationException(List<InvalidField> errors) {
    super(HttpStatus.BAD_REQUEST, Problems.validation(errors), null);
  }

  public ValidationException(String field, String message) {
    this(List.of(new InvalidField(field, message)));
  }
}
