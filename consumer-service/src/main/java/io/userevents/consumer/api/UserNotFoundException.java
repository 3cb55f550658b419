package io.userevents.consumer.api;

import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import org.springframework.http.ProblemDetail;

/** 404 {@code not-found}: no event ever mentioned this user. */
class UserNotFoundException extends ProblemException {

  UserNotFoundException(String userId) {
    super(problem(userId));
  }

  private static ProblemDetail problem(String userId) {
    ProblemDetail problem = Problems.of(ProblemType.NOT_FOUND, "user " + userId + " is unknown");
    problem.setProperty("userId", userId);
    return problem;
  }
}
