package io.userevents.service.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security of the API.
 *
 * @param mode {@code jwt} or {@code open}; no default: without it the service starts in JWT mode
 *     when a JWT issuer or key is configured and refuses to start otherwise
 * @param audience the {@code aud} every token must carry; required in JWT mode
 * @param rateLimit the per-client request rate limit
 */
@ConfigurationProperties("userevents.security")
@Validated
public record ApiSecurityProperties(
    @Nullable SecurityMode mode,
    @Nullable String audience,
    @DefaultValue @Valid @NotNull RateLimit rateLimit) {

  /**
   * A token bucket per client: the authenticated principal in JWT mode, the client address in open
   * mode.
   *
   * @param enabled whether requests to the API are limited at all
   * @param capacity how many requests a client may send at once, and per refill period
   * @param refillPeriod how long a client's bucket takes to refill completely
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1000") @Positive long capacity,
      @DefaultValue("1s") @NotNull Duration refillPeriod) {}
}
