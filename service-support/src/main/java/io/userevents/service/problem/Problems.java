package io.userevents.service.problem;

import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The one way to build a problem: a type from the catalog and a detail for the client. */
public final class Problems {

  private Problems() {}

  /** A problem of the type, with the type's status and title. */
  public static ProblemDetail of(ProblemType type, String detail) {
    return of(type, type.status(), detail);
  }

  /** A problem of the type sent with another status than the type's own. */
  public static ProblemDetail of(ProblemType type, HttpStatusCode status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    return problem;
  }

  /** 400 listing the offending fields. */
  public static ProblemDetail validation(List<InvalidField> errors) {
    ProblemDetail problem =
        of(
            ProblemType.VALIDATION,
            errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid");
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  /** 400 naming one offending field. */
  public static ProblemDetail invalid(String field, String message) {
    return validation(List.of(new InvalidField(field, message)));
  }

  /** 400 for a body that cannot be read as the expected JSON. */
  public static ProblemDetail malformed(String detail) {
    return of(ProblemType.MALFORMED_REQUEST, detail);
  }
}
