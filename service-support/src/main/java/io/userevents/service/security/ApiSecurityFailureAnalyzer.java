package io.userevents.service.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing security choice as a start-up failure that names both choices. */
class ApiSecurityFailureAnalyzer
    extends AbstractFailureAnalyzer<ApiSecurityNotConfiguredException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, ApiSecurityNotConfiguredException cause) {
    return new FailureAnalysis(cause.getMessage(), ApiSecurityNotConfiguredException.ACTION, cause);
  }
}
