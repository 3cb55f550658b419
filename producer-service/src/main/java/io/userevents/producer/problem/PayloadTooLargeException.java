package io.userevents.producer.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 413: a body, or the number of items in a bulk request, is over its configured limit. */
public class PayloadTooLargeException extends ErrorResponseException {

  public PayloadTooLargeException(String detail) {
    super(
        HttpStatus.CONTENT_TOO_LARGE,
        ProblemTypes.problem(
            HttpStatus.CONTENT_TOO_LARGE,
            ProblemTypes.PAYLOAD_TOO_LARGE,
            "Payload too large",
            detail),
        null);
  }
}
