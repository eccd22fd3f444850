package dev.compact.log;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a log key that does not match the stored checkpoints as a short description, without a stack trace. */
class LogKeyAnalyzer extends AbstractFailureAnalyzer<LogKeyRefused> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LogKeyRefused cause) {
    return new FailureAnalysis(cause.getMessage(), "Point compact.log.key at the key file that signed this database's checkpoints"
        + " (see docs/transparency.md, \"The log's key\").", cause);
  }
}
