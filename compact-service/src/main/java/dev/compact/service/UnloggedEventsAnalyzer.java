package dev.compact.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports events written outside the service as a short description, without a stack trace. */
class UnloggedEventsAnalyzer extends AbstractFailureAnalyzer<UnloggedEvents> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnloggedEvents cause) {
    return new FailureAnalysis(cause.getMessage(), "Check those events (compact verify --db names them); start once with"
        + " --compact.log.accept-unlogged-events=true to sign them into the log anyway (see docs/transparency.md).", cause);
  }
}
