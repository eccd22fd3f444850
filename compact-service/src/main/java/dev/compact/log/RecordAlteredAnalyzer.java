package dev.compact.log;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a record that no longer extends the log's latest checkpoint as a short description, without a stack trace. */
class RecordAlteredAnalyzer extends AbstractFailureAnalyzer<RecordAltered> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, RecordAltered cause) {
    return new FailureAnalysis(cause.getMessage(), "Find the first altered or removed event with compact verify --db URL --trust KEYS"
        + " (the log's key; see docs/transparency.md, \"Verifying the record against a checkpoint\"). The log does not sign a tree"
        + " that does not extend what it signed.", cause);
  }
}
