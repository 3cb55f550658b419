package io.userevents.producer.ingest;

import io.userevents.producer.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 500 without {@code Retry-After}: the broker answered and refused the event for good (an ACL, the
 * topic's {@code max.message.bytes}, ...). The request was valid; this service's configuration is
 * at fault, and a retry fails the same way until an operator fixes it.
 */
class BrokerRefusedException extends ErrorResponseException {

  BrokerRefusedException(String eventId, String detail) {
    super(HttpStatus.INTERNAL_SERVER_ERROR, problem(eventId, detail), null);
  }

  private static ProblemDetail problem(String eventId, String detail) {
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            ProblemTypes.BROKER_REFUSED,
            "Broker refused the event",
            detail);
    problem.setProperty("eventId", eventId);
    return problem;
  }
}
