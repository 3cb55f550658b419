package io.userevents.service.problem;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How problems are answered.
 *
 * @param retryAfter the {@code Retry-After} sent with a 503 (broker, database or server busy);
 *     whole seconds, at least one
 */
@ConfigurationProperties("userevents.problems")
@Validated
public record ProblemProperties(
    @DefaultValue("5s") @NotNull @DurationUnit(ChronoUnit.SECONDS) Duration retryAfter) {

  /** {@link #retryAfter()} in whole seconds (rounded up, at least 1), as sent in the header. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
