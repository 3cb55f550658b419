package io.userevents.service.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.HttpUrl;

/**
 * A real OIDC issuer in the test JVM ({@code mock-oauth2-server}: discovery, JWKS, token endpoint)
 * and the tokens a test needs, good and bad. Started once for the JVM; the services' tests use it
 * too (service-support's test jar).
 */
public final class OidcIssuer {

  public static final String AUDIENCE = "userevents-test";
  private static final String ISSUER_ID = "userevents";
  private static final MockOAuth2Server SERVER = start();

  private OidcIssuer() {}

  /** {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. */
  public static String issuerUri() {
    return SERVER.issuerUrl(ISSUER_ID).toString();
  }

  /** A valid token for a new subject with the given space-separated scopes. */
  public static String token(String scope) {
    return tokenFor("client-" + UUID.randomUUID(), scope);
  }

  /** A valid token for the subject with the given scopes. */
  public static String tokenFor(String subject, String scope) {
    return issue(subject, AUDIENCE, Map.of("scope", scope), 600);
  }

  /** A token of the right issuer for another API. */
  public static String tokenForAudience(String audience, String scope) {
    return issue("client-" + UUID.randomUUID(), audience, Map.of("scope", scope), 600);
  }

  /** A token signed with the issuer's key but naming another issuer. */
  public static String tokenNamingIssuer(String issuer, String scope) {
    return issue(
        "client-" + UUID.randomUUID(), AUDIENCE, Map.of("scope", scope, "iss", issuer), 600);
  }

  /** A token that expired an hour ago (well past any clock skew). */
  public static String expired(String scope) {
    return issue("client-" + UUID.randomUUID(), AUDIENCE, Map.of("scope", scope), -3600);
  }

  /** An unsigned token ({@code "alg": "none"}) with otherwise valid claims. */
  public static String unsigned(String scope) {
    return new PlainJWT(claims(issuerUri(), scope)).serialize();
  }

  /** A token with valid claims signed by a key the issuer never published. */
  public static String signedByUnknownKey(String scope) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("unknown").generate();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims(issuerUri(), scope));
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWTClaimsSet claims(String issuer, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject("client-" + UUID.randomUUID())
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plusSeconds(600)))
        .claim("scope", scope)
        .build();
  }

  private static String issue(
      String subject, String audience, Map<String, Object> claims, long expirySeconds) {
    return SERVER
        .issueToken(
            ISSUER_ID,
            "test-client",
            new DefaultOAuth2TokenCallback(
                ISSUER_ID, subject, "JWT", List.of(audience), claims, expirySeconds))
        .serialize();
  }

  private static MockOAuth2Server start() {
    MockOAuth2Server server = new MockOAuth2Server();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    warmUp(server);
    return server;
  }

  /**
   * The issuer's first answer is slow (its classes load and its key is made): fetched once here,
   * with patience, so that the services' discovery requests do not time out on a busy machine.
   */
  private static void warmUp(MockOAuth2Server server) {
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (HttpUrl url : List.of(server.wellKnownUrl(ISSUER_ID), server.jwksUrl(ISSUER_ID))) {
        HttpRequest request =
            HttpRequest.newBuilder(url.uri()).timeout(Duration.ofSeconds(60)).build();
        client.send(request, HttpResponse.BodyHandlers.discarding());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
