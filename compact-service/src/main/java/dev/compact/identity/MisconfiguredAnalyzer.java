package dev.compact.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports identity-provider settings that cannot work as a short description, without a stack trace. */
class MisconfiguredAnalyzer extends AbstractFailureAnalyzer<OidcSettings.Misconfigured> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, OidcSettings.Misconfigured cause) {
    return new FailureAnalysis(cause.getMessage(), "Fix the compact.oidc.* settings (serve's --oidc-* options), or leave "
        + "compact.oidc.issuer empty to accept only Compact API tokens.", cause);
  }
}
