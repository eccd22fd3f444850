package dev.compact.security;

import dev.compact.access.CompactAuthentication;
import dev.compact.identity.IdentityLinks;
import dev.compact.identity.OidcJwtDecoder;
import dev.compact.identity.OidcVerifier;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The identity provider's tokens, through the resource server's JWT support: {@link OidcJwtDecoder}
 * checks the token, and the identity it names acts as the account an administrator linked it to.
 * A token whose identity has no link, or a link to a disabled account, is nobody here.
 */
final class OidcTokenProvider implements AuthenticationProvider {
  private final JwtAuthenticationProvider jwt;

  OidcTokenProvider(OidcJwtDecoder decoder, IdentityLinks links) {
    this.jwt = new JwtAuthenticationProvider(decoder);
    this.jwt.setJwtAuthenticationConverter(token -> links.account(token.getClaimAsString("iss"), token.getSubject())
        .map(CompactAuthentication::of)
        .orElseThrow(() -> new InvalidBearerTokenException("the identity token is valid, but this identity is not linked to an active "
            + "Compact account; an administrator links it with compact users link")));
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (token.startsWith("cpt_") || !OidcVerifier.looksLikeJwt(token)) {
      return null;
    }
    try {
      return jwt.authenticate(authentication);
    } catch (AuthenticationServiceException e) {
      if (e.getCause() instanceof OidcJwtDecoder.Unavailable) {
        throw new ProviderUnavailable();
      }
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** The identity provider could not be reached to check a token: neither accepted nor refused. */
  static final class ProviderUnavailable extends AuthenticationException {
    ProviderUnavailable() {
      super("the identity provider could not be reached to check this token; nothing was recorded. Retry later; Compact API tokens "
          + "are not affected");
    }
  }
}
