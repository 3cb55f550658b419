package io.userevents.service.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.userevents.service.problem.ProblemResponseWriter;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Bucket4j token bucket per client for the requests an {@link ApiAccessRules} rule matches: the
 * authenticated principal's name in JWT mode, the client address otherwise. A client over its limit
 * gets {@code 429 rate-limited} with {@code Retry-After} in whole seconds until a token is back.
 * The buckets of the {@value #MAX_CLIENTS} most recently seen clients are kept; the least recently
 * seen one is forgotten (and starts again full) when another arrives.
 */
class RateLimitFilter extends OncePerRequestFilter {

  static final int MAX_CLIENTS = 10_000;

  private final ApiAccessRules rules;
  private final ApiSecurityProperties.RateLimit limit;
  private final ProblemResponseWriter problems;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  RateLimitFilter(
      ApiAccessRules rules, ApiSecurityProperties.RateLimit limit, ProblemResponseWriter problems) {
    this.rules = rules;
    this.limit = limit;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return rules.match(request) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ConsumptionProbe probe = bucket(client(request)).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds =
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() - 1) + 1);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    problems.write(
        response,
        Problems.of(
            ProblemType.RATE_LIMITED,
            "This client sent more than "
                + limit.capacity()
                + " requests in "
                + limit.refillPeriod()
                + "; retry after "
                + seconds
                + " s."));
  }

  private Bucket bucket(String client) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(client, key -> newBucket());
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.capacity(), limit.refillPeriod())
                .build())
        .build();
  }

  private static String client(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)) {
      return "principal:" + authentication.getName();
    }
    return "address:" + request.getRemoteAddr();
  }
}
