package dev.compact.security;

import dev.compact.access.Accounts;
import dev.compact.access.CompactAuthentication;
import dev.compact.identity.OidcVerifier;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Compact's own API tokens ({@code cpt_...}): random, stored only as their SHA-256, with an
 * expiry, revocable, stopped when their account is disabled. A bearer token shaped like a JWT is
 * left to the identity provider's check; anything else is taken as a Compact token.
 */
final class ApiTokenProvider implements AuthenticationProvider {
  private final Accounts accounts;

  ApiTokenProvider(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (!token.startsWith("cpt_") && OidcVerifier.looksLikeJwt(token)) {
      return null;
    }
    return accounts.authenticate(token).map(CompactAuthentication::of)
        .orElseThrow(() -> new InvalidBearerTokenException(BearerTokens.UNKNOWN));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
