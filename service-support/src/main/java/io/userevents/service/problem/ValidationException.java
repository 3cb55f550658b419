package io.userevents.service.problem;

import java.util.List;

/** 400: named fields (or headers) break a rule; listed in the {@code errors} extension. */
public class ValidationException extends ProblemException {

  public ValidationException(List<InvalidField> errors) {
    super(Problems.validation(errors));
  }

  public ValidationException(String field, String message) {
    this(List.of(new InvalidField(field, message)));
  }
}
