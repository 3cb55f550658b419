package io.userevents.producer.ingest;

import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.Problems;
import org.springframework.http.ProblemDetail;

/**
 * 500 without {@code Retry-After}: the event was not written, and a retry fails the same way until
 * the cause is fixed. Either Kafka refused it for good ({@code broker-refused}: an ACL, the topic's
 * {@code max.message.bytes}, ...; the request was valid and this service's configuration is at
 * fault) or this service failed to serialize it ({@code internal}).
 */
class SendRefusedException extends ProblemException {

  SendRefusedException(EventPublisher.Refused refused) {
    super(problem(refused));
  }

  private static ProblemDetail problem(EventPublisher.Refused refused) {
    ProblemDetail problem = Problems.of(refused.type(), refused.reason());
    problem.setProperty("eventId", refused.event().eventId());
    return problem;
  }
}
