package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserRow;
import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import org.springframework.http.ProblemDetail;

/** 410 {@code gone}: the user was deleted; the row is a tombstone. */
class UserGoneException extends ProblemException {

  UserGoneException(UserRow row) {
    super(problem(row));
  }

  private static ProblemDetail problem(UserRow row) {
    ProblemDetail problem = Problems.of(ProblemType.GONE, "user " + row.userId() + " was deleted");
    problem.setProperty("userId", row.userId());
    problem.setProperty("lastEventId", row.lastEventId());
    problem.setProperty("lastEventTimestamp", row.lastEventTimestamp().toString());
    return problem;
  }
}
