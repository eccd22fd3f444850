package dev.compact.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an event the service cannot read as a short description and what to do, without a stack trace. */
class UnreadableEventAnalyzer extends AbstractFailureAnalyzer<UnreadableEvent> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnreadableEvent cause) {
    return new FailureAnalysis(cause.getMessage(), UnreadableEvent.WHAT_TO_DO + " (The full trace is logged at debug:"
        + " --logging.level.org.springframework.boot.diagnostics=debug.)", cause);
  }
}
