package io.userevents.producer.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Factories for the problems several places answer with. */
public final class Problems {

  private Problems() {}

  /** 400 listing the offending fields. */
  public static ProblemDetail validation(List<InvalidField> errors) {
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.BAD_REQUEST,
            ProblemTypes.VALIDATION,
            "Validation failed",
            errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid");
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  /** 400 for a body that cannot be read as the expected JSON. */
  public static ProblemDetail malformed(String detail) {
    return ProblemTypes.problem(
        HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail);
  }
}
