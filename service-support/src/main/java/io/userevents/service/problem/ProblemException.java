package io.userevents.service.problem;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An exception a handler throws to answer with the problem it carries. */
public class ProblemException extends ErrorResponseException {

  public ProblemException(ProblemDetail problem) {
    this(problem, null);
  }

  public ProblemException(ProblemDetail problem, @Nullable Throwable cause) {
    super(HttpStatusCode.valueOf(problem.getStatus()), problem, cause);
  }

  /** A problem of the type, with the type's status and title. */
  public static ProblemException of(ProblemType type, String detail) {
    return new ProblemException(Problems.of(type, detail));
  }
}
