package io.userevents.producer.support;

import io.userevents.service.support.OidcIssuer;

/**
 * Tokens of the OIDC issuer the tests run in their JVM ({@link OidcIssuer}, a real issuer with
 * discovery and JWKS), for the audience the test context configures.
 */
public final class TestJwts {

  /** The subject of every token unless a test asks for another. */
  public static final String SUBJECT = "test-client";

  /** {@code userevents.security.audience} of the test context. */
  public static final String AUDIENCE = OidcIssuer.AUDIENCE;

  private TestJwts() {}

  /** {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. */
  public static String issuerUri() {
    return OidcIssuer.issuerUri();
  }

  /** A valid token with the given space-separated scopes. */
  public static String token(String scope) {
    return OidcIssuer.tokenFor(SUBJECT, scope);
  }

  /** {@code Authorization} header value of a write token for another client than the default. */
  public static String writerHeader(String subject) {
    return "Bearer " + OidcIssuer.tokenFor(subject, "events:write");
  }

  /** A token with the write scope. */
  public static String writer() {
    return token("events:write");
  }

  /** {@code Authorization} header value for {@link #writer()}. */
  public static String writerHeader() {
    return "Bearer " + writer();
  }

  /** A token with the write scope that expired an hour ago. */
  public static String expired() {
    return OidcIssuer.expired("events:write");
  }

  /** A token with the write scope signed by a key the service does not trust. */
  public static String signedByStranger() {
    return OidcIssuer.signedByUnknownKey("events:write");
  }

  /** A token with the write scope of the right issuer, for another API (another audience). */
  public static String forOtherAudience() {
    return OidcIssuer.tokenForAudience("another-api", "events:write");
  }

  /** A token with the write scope signed with the issuer's key but naming another issuer. */
  public static String namingOtherIssuer() {
    return OidcIssuer.tokenNamingIssuer("https://issuer.example", "events:write");
  }

  /** An unsigned token ({@code "alg": "none"}) with the write scope and otherwise valid claims. */
  public static String unsigned() {
    return OidcIssuer.unsigned("events:write");
  }
}
