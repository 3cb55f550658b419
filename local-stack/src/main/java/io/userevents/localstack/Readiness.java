package io.userevents.localstack;

import java.net.URI;

/**
 * Where a child service says it is ready: {@code url} answering 200, or, when {@code url} answers
 * 404 and a {@code fallback} is given, {@code fallback} answering 200.
 *
 * @param url the readiness URL
 * @param fallback asked only when {@code url} answers 404; null for none
 */
public record Readiness(URI url, URI fallback) {

  /** Ready when {@code url} answers 200. */
  public static Readiness of(URI url) {
    return new Readiness(url, null);
  }

  /**
   * Spring Boot actuator's readiness probe on {@code managementPort}; with the probes disabled
   * (404), the overall health is the best signal left.
   */
  public static Readiness actuator(int managementPort) {
    String health = "http://localhost:" + managementPort + "/actuator/health";
    return new Readiness(URI.create(health + "/readiness"), URI.create(health));
  }
}
