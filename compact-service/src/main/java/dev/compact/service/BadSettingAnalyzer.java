package dev.compact.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a setting the service refused while starting (a write rate of 0, a duration that is not
 * one) as a short description, without the stack trace: at start the settings are the only input,
 * and each check says which setting it refused and why.
 */
class BadSettingAnalyzer extends AbstractFailureAnalyzer<IllegalArgumentException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
    org.springframework.beans.TypeMismatchException mismatch = findCause(rootFailure, org.springframework.beans.TypeMismatchException.class);
    String description = mismatch == null || mismatch.getRequiredType() == null ? cause.getMessage()
        : "the value '" + mismatch.getValue() + "' is not a " + mismatch.getRequiredType().getSimpleName() + ": " + cause.getMessage();
    return new FailureAnalysis(description, "Fix that setting (serve's --compact.NAME=VALUE, an environment variable or application"
        + ".properties); docs/service.md lists every setting with its default.", cause);
  }
}
