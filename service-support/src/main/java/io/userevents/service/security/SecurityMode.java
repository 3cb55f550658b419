package io.userevents.service.security;

/** How the API authenticates its clients ({@code userevents.security.mode}). */
public enum SecurityMode {
  /** Bearer JWTs from the configured issuer, for the configured audience. */
  JWT,
  /** No authentication at all: for a developer's machine, chosen explicitly and logged loudly. */
  OPEN
}
