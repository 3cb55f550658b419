package io.userevents.producer.ingest;

import io.userevents.producer.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 500 without {@code Retry-After}: the event was not written, and a retry fails the same way until
 * the cause is fixed. Either Kafka refused it for good ({@code broker-refused}: an ACL, the topic's
 * {@code max.message.bytes}, ...; the request was valid and this service's configuration is at
 * fault) or this service failed to serialize it ({@code internal}).
 */
class SendRefusedException extends ErrorResponseException {

  SendRefusedException(EventPublisher.Refused refused) {
    super(HttpStatus.INTERNAL_SERVER_ERROR, problem(refused), null);
  }

  private static ProblemDetail problem(EventPublisher.Refused refused) {
    ProblemDetail problem =
        ProblemTypes.problem(
            HttpStatus.INTERNAL_SERVER_ERROR, refused.type(), refused.title(), refused.reason());
    problem.setProperty("eventId", refused.event().eventId());
    return problem;
  }
}
