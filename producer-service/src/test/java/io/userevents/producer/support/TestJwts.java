package io.userevents.producer.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A locally generated RSA key pair standing in for an identity provider: the public key is written
 * to a PEM file for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, the
 * private key signs test tokens.
 */
public final class TestJwts {

  /** The subject of every token unless a test asks for another. */
  public static final String SUBJECT = "test-client";

  private static final KeyPair KEYS = generate();
  private static final KeyPair OTHER_KEYS = generate();
  private static final Path PUBLIC_KEY = writePublicKey();

  private TestJwts() {}

  /** {@code file:} location of the public key PEM. */
  public static String publicKeyLocation() {
    return PUBLIC_KEY.toUri().toString();
  }

  /** A valid token for ten minutes with the given space-separated scopes. */
  public static String token(String scope) {
    return sign(KEYS, SUBJECT, scope, Instant.now().plusSeconds(600));
  }

  /** {@code Authorization} header value of a write token for another client than the default. */
  public static String writerHeader(String subject) {
    return "Bearer " + sign(KEYS, subject, "events:write", Instant.now().plusSeconds(600));
  }

  /** A token with the write scope. */
  public static String writer() {
    return token("events:write");
  }

  /** {@code Authorization} header value for {@link #writer()}. */
  public static String writerHeader() {
    return "Bearer " + writer();
  }

  /** A token with the write scope that expired a minute ago. */
  public static String expired() {
    return sign(KEYS, SUBJECT, "events:write", Instant.now().minusSeconds(60));
  }

  /** A token with the write scope signed by a key the service does not trust. */
  public static String signedByStranger() {
    return sign(OTHER_KEYS, SUBJECT, "events:write", Instant.now().plusSeconds(600));
  }

  private static String sign(KeyPair keys, String subject, String scope, Instant expiresAt) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(Instant.now().minusSeconds(120)))
            .expirationTime(Date.from(expiresAt))
            .claim("scope", scope)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path writePublicKey() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    try {
      Path file = Files.createTempFile("producer-service-jwt", ".pem");
      file.toFile().deleteOnExit();
      return Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
