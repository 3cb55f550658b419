package io.userevents.producer.ingest;

import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import org.springframework.http.ProblemDetail;

/**
 * 503 with {@code Retry-After} ({@code userevents.problems.retry-after}): the broker did not
 * acknowledge within the send timeout.
 */
class BrokerUnavailableException extends ProblemException {

  BrokerUnavailableException(String eventId, String detail) {
    super(problem(eventId, detail));
  }

  private static ProblemDetail problem(String eventId, String detail) {
    ProblemDetail problem = Problems.of(ProblemType.BROKER_UNAVAILABLE, detail);
    problem.setProperty("eventId", eventId);
    return problem;
  }
}
