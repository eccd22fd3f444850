package dev.compact.identity;

import dev.compact.access.Accounts;
import dev.compact.service.RecordService;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the identity provider, if one is configured, and the links of its identities to accounts. */
@Configuration
class IdentityConfiguration {

  /** Refuses to start (see {@link MisconfiguredAnalyzer}) when the settings cannot work. */
  @Bean
  OidcSettings oidcSettings(@Value("${compact.oidc.issuer:}") String issuer, @Value("${compact.oidc.audience:}") String audience,
      @Value("${compact.oidc.jwks-uri:}") String jwksUri, @Value("${compact.oidc.subject-claim:sub}") String subjectClaim) {
    return new OidcSettings(issuer, audience, jwksUri, subjectClaim);
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
