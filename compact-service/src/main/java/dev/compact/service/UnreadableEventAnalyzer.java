package dev.compact.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an event the service cannot read as a short description and what to do, without a stack trace. */
class UnreadableEventAnalyzer extends AbstractFailureAnalyzer<UnreadableEvent> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnreadableEvent cause) {
    return new FailureAnalysis(cause.getMessage(), "Check the record with compact verify --db URL: an event changed after it was"
        + " written breaks the hash chain there, and verify names the first one. If the chain is intact, the event was written by a"
        + " newer version of Compact: serve the record with that version. Nothing was changed. (The full trace is logged at debug:"
        + " --logging.level.org.springframework.boot.diagnostics=debug.)", cause);
  }
}
