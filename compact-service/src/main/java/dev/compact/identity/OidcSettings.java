package dev.compact.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The identity provider this service trusts, if any: its issuer, the audience its tokens must
 * name, where its keys are (blank: found through its discovery document) and the claim that links
 * a token to an account.
 */
public record OidcSettings(String issuer, String audience, String jwksUri, String subjectClaim) {

  /**
   * Blank values mean unset.
   *
   * @throws Misconfigured when the settings cannot work, so that the service refuses to start
   */
  public OidcSettings {
    issuer = issuer == null ? "" : issuer.strip();
    audience = audience == null ? "" : audience.strip();
    jwksUri = jwksUri == null ? "" : jwksUri.strip();
    subjectClaim = subjectClaim == null || subjectClaim.isBlank() ? "sub" : subjectClaim.strip();
    if (!issuer.isEmpty()) {
      if (audience.isEmpty()) {
        throw new Misconfigured("compact.oidc.issuer is set but compact.oidc.audience is not: name the audience (client id) that "
            + "tokens for this service carry, e.g. --oidc-audience=compact");
      }
      requireSafeUrl("compact.oidc.issuer", issuer);
      if (!jwksUri.isEmpty()) {
        requireSafeUrl("compact.oidc.jwks-uri", jwksUri);
      }
    }
  }

  public boolean enabled() {
    return !issuer.isEmpty();
  }

  /** Where the discovery document is: the issuer, without a trailing slash, then the well-known path. */
  public URI discoveryUri() {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return URI.create(base + "/.well-known/openid-configuration");
  }

  /**
   * Keys fetched over plain HTTP could be swapped by anyone on the path, and with them any identity
   * forged; plain HTTP is therefore allowed only to this machine.
   *
   * @throws Misconfigured when the URL is not HTTPS (or HTTP to a loopback address)
   */
  static URI requireSafeUrl(String what, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Misconfigured(what + " is not a URL: '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !(scheme.equals("https") || scheme.equals("http") && loopback(host))) {
      throw new Misconfigured(what + " must be an https:// URL (http:// only for localhost), not '" + url + "'");
    }
    return uri;
  }

  private static boolean loopback(String host) {
    return host.equals("localhost") || host.equals("[::1]") || host.startsWith("127.");
  }

  /** Settings that cannot work: the service refuses to start and says why in one line. */
  public static final class Misconfigured extends RuntimeException {
    public Misconfigured(String message) {
      super(message);
    }
  }
}
