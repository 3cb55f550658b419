package io.userevents.service.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which API requests need which OAuth2 scope, contributed by each service as a bean. The first rule
 * that matches a request applies; requests no rule matches are public (API docs, for example). Only
 * requests a rule matches count against the rate limit.
 */
public final class ApiAccessRules {

  private final List<Rule> rules;

  private ApiAccessRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules, first match wins. */
  public static ApiAccessRules of(Rule... rules) {
    return new ApiAccessRules(List.of(rules));
  }

  /** A rule: requests with this method (any when null) and path pattern need the scope. */
  public static Rule require(String scope, @Nullable HttpMethod method, String pathPattern) {
    return new Rule(
        method,
        pathPattern,
        scope,
        PathPatternRequestMatcher.withDefaults().matcher(method, pathPattern));
  }

  /** The rules in the order they are tried. */
  public List<Rule> rules() {
    return rules;
  }

  /** The rule that applies to the request, or null when it is public. */
  public @Nullable Rule match(HttpServletRequest request) {
    for (Rule rule : rules) {
      if (rule.matcher().matches(request)) {
        return rule;
      }
    }
    return null;
  }

  /**
   * One rule.
   *
   * @param method the HTTP method, or null for any
   * @param pathPattern a path pattern such as {@code /api/**}
   * @param scope the OAuth2 scope the token must have
   * @param matcher the requests this rule applies to
   */
  public record Rule(
      @Nullable HttpMethod method, String pathPattern, String scope, RequestMatcher matcher) {

    /** The authority Spring Security grants for the scope. */
    public String authority() {
      return "SCOPE_" + scope;
    }
  }
}
