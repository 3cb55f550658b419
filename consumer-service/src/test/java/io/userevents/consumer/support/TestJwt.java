package io.userevents.consumer.support;

import io.userevents.service.support.OidcIssuer;

/**
 * Bearer tokens of the OIDC issuer the tests run in their JVM ({@link OidcIssuer}, a real issuer
 * with discovery and JWKS), for the audience the test context configures.
 */
public final class TestJwt {

  /** {@code userevents.security.audience} of the test context. */
  public static final String AUDIENCE = OidcIssuer.AUDIENCE;

  private TestJwt() {}

  /** {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. */
  public static String issuerUri() {
    return OidcIssuer.issuerUri();
  }

  /** A valid token with the given space-separated scope. */
  public static String token(String scope) {
    return OidcIssuer.tokenFor("test-client", scope);
  }

  /** A token that expired an hour ago. */
  public static String expiredToken(String scope) {
    return OidcIssuer.expired(scope);
  }

  /** A token signed with a key the service does not trust. */
  public static String foreignToken(String scope) {
    return OidcIssuer.signedByUnknownKey(scope);
  }

  /** A token of the right issuer for another API (another audience). */
  public static String otherAudienceToken(String scope) {
    return OidcIssuer.tokenForAudience("another-api", scope);
  }

  /** A token signed with the issuer's key but naming another issuer. */
  public static String otherIssuerToken(String scope) {
    return OidcIssuer.tokenNamingIssuer("https://issuer.example", scope);
  }

  /** An unsigned token ({@code "alg": "none"}) with otherwise valid claims. */
  public static String unsignedToken(String scope) {
    return OidcIssuer.unsigned(scope);
  }
}
