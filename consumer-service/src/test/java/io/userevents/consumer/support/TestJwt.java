package io.userevents.consumer.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** An RSA key pair generated for this test run, and bearer tokens signed with it. */
public final class TestJwt {

  private static final KeyPair KEYS = generate();
  private static final KeyPair OTHER_KEYS = generate();
  private static volatile String publicKeyLocation;

  private TestJwt() {}

  /** A {@code file:} location of the public key as PEM, for {@code public-key-location}. */
  public static synchronized String publicKeyLocation() {
    if (publicKeyLocation == null) {
      try {
        Path file = Files.createTempFile("userevents-test-jwt", ".pub");
        file.toFile().deleteOnExit();
        String pem =
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(file, pem);
        publicKeyLocation = file.toUri().toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return publicKeyLocation;
  }

  /** A valid token with the given space-separated scope. */
  public static String token(String scope) {
    return sign(KEYS, scope, Instant.now().plus(Duration.ofMinutes(10)));
  }

  /** A token that expired an hour ago. */
  public static String expiredToken(String scope) {
    return sign(KEYS, scope, Instant.now().minus(Duration.ofHours(1)));
  }

  /** A token signed with a key the service does not trust. */
  public static String foreignToken(String scope) {
    return sign(OTHER_KEYS, scope, Instant.now().plus(Duration.ofMinutes(10)));
  }

  private static String sign(KeyPair keys, String scope, Instant expiresAt) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("test-client")
            .issuer("https://issuer.test")
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(20))))
            .expirationTime(Date.from(expiresAt))
            .claim("scope", scope)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(keys.getPrivate()));
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
}
