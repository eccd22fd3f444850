package dev.compact.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a setting the service refused while starting (a write rate of 0, a duration that is not
 * one) as a short description, without the stack trace: at start the settings are the only input,
 * and each check says which setting it refused and why. Only such failures: a value Spring could
 * not convert, or a check whose message names its {@code compact.} setting. Any other
 * IllegalArgumentException at start is a fault of ours, and keeps its stack trace in the log
 * rather than advice about settings.
 */
class BadSettingAnalyzer extends AbstractFailureAnalyzer<IllegalArgumentException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
    org.springframework.beans.TypeMismatchException mismatch = findCause(rootFailure, org.springframework.beans.TypeMismatchException.class);
    if (mismatch == null && (cause.getMessage() == null || !cause.getMessage().contains("compact."))) {
      return null;
    }
    String description = mismatch == null || mismatch.getRequiredType() == null ? cause.getMessage()
        : "the value '" + mismatch.getValue() + "' is not a " + mismatch.getRequiredType().getSimpleName() + ": " + cause.getMessage();
    return new FailureAnalysis(description, "Fix that setting (serve's --compact.NAME=VALUE, an environment variable or application"
        + ".properties); docs/service.md lists every setting with its default.", cause);
  }
}
