package dev.compact.identity;

import dev.compact.access.Accounts;
import dev.compact.service.RecordService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the identity provider, if one is configured, and the links of its identities to accounts. */
@Configuration
class IdentityConfiguration {

  /** Checked first by {@link SettingsCheck}; refused settings are reported by {@link MisconfiguredAnalyzer}. */
  @Bean
  OidcSettings oidcSettings(Environment environment) {
    return settings(environment);
  }

  /**
   * The compact.oidc.* settings.
   *
   * @throws OidcSettings.Misconfigured when they cannot work
   */
  static OidcSettings settings(Environment environment) {
    return new OidcSettings(environment.getProperty("compact.oidc.issuer", ""), environment.getProperty("compact.oidc.audience", ""),
        environment.getProperty("compact.oidc.jwks-uri", ""), environment.getProperty("compact.oidc.subject-claim", "sub"));
  }

  @Bean
  OidcVerifier oidcVerifier(OidcSettings settings, Clock clock) {
    return new OidcVerifier(settings, clock);
  }

  @Bean
  IdentityLinks identityLinks(RecordService record, Accounts accounts, Clock clock) {
    return new IdentityLinks(record.database(), accounts, clock);
  }
}
