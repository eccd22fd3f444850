package dev.compact.security;

import dev.compact.access.Clearance;
import dev.compact.access.CompactAuthentication;
import java.util.function.BooleanSupplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Asks again, with the API's own token check, whether the bearer token a request came with still
 * authenticates an account cleared as far as it was: for an event stream, which outlives the request
 * that opened it. A token revoked or expired since, an account disabled, an identity unlinked, roles
 * lowered, or an identity provider that cannot be reached all answer no (the stream ends, and the
 * client that reconnects is checked like any request).
 */
final class TokenRecheck implements dev.compact.access.StreamCredentials {
  private final AuthenticationManager tokens;

  TokenRecheck(AuthenticationManager tokens) {
    this.tokens = tokens;
  }

  /** The check itself, as the API's filter chain asks it for every request. */
  AuthenticationManager tokens() {
    return tokens;
  }

  @Override
  public BooleanSupplier stillCleared(String bearerToken, Clearance clearance) {
    if (bearerToken == null || clearance == Clearance.PUBLIC) {
      return () -> true;
    }
    return () -> {
      try {
        Authentication authentication = tokens.authenticate(new BearerTokenAuthenticationToken(bearerToken));
        return authentication instanceof CompactAuthentication account
            && Clearance.of(account.getPrincipal()).compareTo(clearance) >= 0;
      } catch (AuthenticationException e) {
        return false;
      }
    };
  }
}
