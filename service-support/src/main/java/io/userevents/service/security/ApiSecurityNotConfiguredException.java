package io.userevents.service.security;

/** The service was started without a security choice, or with an incomplete one. */
public class ApiSecurityNotConfiguredException extends IllegalStateException {

  /** What to do about it, for the start-up failure report. */
  static final String ACTION =
      "Either configure a JWT issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri, with"
          + " jwk-set-uri or public-key-location if discovery is not wanted) and the token"
          + " audience (userevents.security.audience), or set userevents.security.mode=open"
          + " explicitly to run without authentication (development only).";

  ApiSecurityNotConfiguredException(String problem) {
    super(problem + " " + ACTION);
  }
}
