package io.userevents.producer.ingest;

import io.userevents.producer.problem.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 503 with {@code Retry-After}: the broker did not acknowledge within the send timeout. */
class BrokerUnavailableException extends ErrorResponseException {

  BrokerUnavailableException(String eventId, String detail, long retryAfterSeconds) {
    super(HttpStatus.SERVICE_UNAVAILABLE, problem(eventId, detail), null);
    getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
  }

  private static ProblemDetail problem(String eventId, String detail) {
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            ProblemTypes.BROKER_UNAVAILABLE,
            "Broker unavailable",
            detail);
    problem.setProperty("eventId", eventId);
    return problem;
  }
}
