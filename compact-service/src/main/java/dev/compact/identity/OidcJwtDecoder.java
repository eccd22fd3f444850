package dev.compact.identity;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The identity provider's tokens as Spring Security's resource server decodes them, checked by
 * {@link OidcVerifier} (nimbus): asymmetric algorithms only, so {@code none} and HS* are refused;
 * exactly the configured issuer and audience; keys from the provider's JWK set, cached and
 * rate-limited; times on the service's clock. The decoded token carries what Compact uses of it:
 * the issuer and the value of the linking claim, as {@code iss} and {@code sub}.
 */
public final class OidcJwtDecoder implements JwtDecoder {
  private final OidcVerifier verifier;

  public OidcJwtDecoder(OidcVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    return switch (verifier.verify(token)) {
      case OidcVerifier.Outcome.Verified(String issuer, String subject) -> Jwt.withTokenValue(token).header("typ", "JWT")
          .claim("iss", issuer).subject(subject).build();
      case OidcVerifier.Outcome.Refused(String reason) -> throw new BadJwtException("the identity token was refused: " + reason);
      case OidcVerifier.Outcome.Unavailable(String reason) -> throw new Unavailable(reason);
    };
  }

  /** The provider could not be asked, so the token could not be checked either way. */
  public static final class Unavailable extends JwtException {
    public Unavailable(String reason) {
      super(reason);
    }
  }
}
