package dev.compact.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OpenID Connect bearer tokens: signed with an asymmetric algorithm by a key the issuer
 * publishes, issued by exactly the configured issuer, meant for this service's audience, and valid
 * now on the service's clock (give or take a minute). It says who the token names; whether that
 * identity is anyone in Compact is for {@link IdentityLinks}.
 */
public final class OidcVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(OidcVerifier.class);
  /** Public-key algorithms only: HMAC would let anyone holding the (public) verification key sign, and "none" anyone at all. */
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
      JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  static final Duration SKEW = Duration.ofSeconds(60);
  /** How long fetched keys are used before they are fetched again. */
  static final Duration KEYS_TTL = Duration.ofMinutes(5);
  /** At most two fetches of the keys in this time, however many unknown keys are shown; a failed discovery is retried after it. */
  static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
  private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final int MAX_TOKEN_LENGTH = 16_384;

  private final OidcSettings settings;
  private final Clock clock;
  private final ResourceRetriever retriever;
  private final Object discoveryLock = new Object();
  private volatile DefaultJWTProcessor<SecurityContext> processor;
  private volatile URI keysUri;
  private Instant nextDiscovery = Instant.MIN;

  /** What a token turned out to be. */
  public sealed interface Outcome {
    /** A valid token: the issuer and the value of the linking claim. */
    record Verified(String issuer, String subject) implements Outcome {}

    /** Not a valid token for this service; the reason may be shown to its bearer. */
    record Refused(String reason) implements Outcome {}

    /** The identity provider could not be asked, so the token could not be checked. */
    record Unavailable(String reason) implements Outcome {}
  }

  public OidcVerifier(OidcSettings settings, Clock clock) {
    this(settings, clock, new DefaultResourceRetriever(2_000, 3_000, 256 * 1024));
  }

  OidcVerifier(OidcSettings settings, Clock clock, ResourceRetriever retriever) {
    this.settings = settings;
    this.clock = clock;
    this.retriever = retriever;
  }

  /** Whether a bearer token has the shape of a JWS (three base64url parts), as opposed to a Compact token. */
  public static boolean looksLikeJwt(String token) {
    return token.length() <= MAX_TOKEN_LENGTH && JWT_SHAPE.matcher(token).matches();
  }

  public Outcome verify(String token) {
    if (!settings.enabled()) {
      return new Outcome.Refused("this service accepts no identity-provider tokens; use a Compact API token");
    }
    if (!looksLikeJwt(token)) {
      return new Outcome.Refused("the token is not a signed JWT");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      // Among others: "alg": "none" with a signature part, which nimbus refuses to read as a JWS.
      return new Outcome.Refused("the token is not a well-formed signed JWT");
    }
    if (jwt instanceof PlainJWT) {
      return new Outcome.Refused("unsigned tokens (\"alg\": \"none\") are refused");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
      return new Outcome.Refused("the token is not a signed JWT");
    }
    if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
      return new Outcome.Refused("the signing algorithm " + signed.getHeader().getAlgorithm()
          + " is refused; identity tokens must be signed with RS*, PS* or ES* keys");
    }
    DefaultJWTProcessor<SecurityContext> processor;
    try {
      processor = processor();
    } catch (KeySourceException e) {
      return new Outcome.Unavailable(e.getMessage());
    }
    try {
      JWTClaimsSet claims = processor.process(signed, null);
      return new Outcome.Verified(claims.getIssuer(), claims.getStringClaim(settings.subjectClaim()));
    } catch (BadJOSEException e) {
      return new Outcome.Refused(reason(e));
    } catch (KeySourceException e) {
      if (!(e instanceof RateLimitReachedException)) {
        LOG.warn("the identity provider's keys at {} could not be fetched: {}", keysUri, e.getMessage());
      }
      return new Outcome.Unavailable("the identity provider's keys could not be fetched");
    } catch (com.nimbusds.jose.JOSEException | ParseException e) {
      return new Outcome.Refused("the token could not be checked: " + e.getMessage());
    }
  }

  /** The reasons nimbus gives, in the words a caller can act on. */
  private String reason(BadJOSEException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof ExpiredJWTException) {
      return "the token has expired";
    } else if (e instanceof BadJWSException) {
      return "the token's signature does not verify";
    } else if (message.startsWith("Signed JWT rejected: Another algorithm expected, or no matching key")) {
      return "the token is signed with a key the identity provider does not publish";
    } else if (message.equals("JWT before use time")) {
      return "the token is not valid yet";
    } else if (message.equals(IssuedInTheFuture.MESSAGE)) {
      return "the token was issued in the future";
    } else if (message.contains(" aud claim")) {
      return "the token is not meant for this service (its audience does not include '" + settings.audience() + "')";
    } else if (message.equals("JWT iss claim value rejected")) {
      return "the token was issued by another issuer than " + settings.issuer();
    } else if (message.startsWith("JWT missing required claims")) {
      return "the token lacks a required claim: " + message.substring("JWT missing required claims: ".length());
    } else if (message.contains("typ")) {
      return "the token's type (typ) is not an identity or access token";
    }
    return "the token was refused: " + message;
  }

  /** The processor, once the keys' location is known; finding it asks the discovery document, at most twice a refetch interval. */
  private DefaultJWTProcessor<SecurityContext> processor() throws KeySourceException {
    DefaultJWTProcessor<SecurityContext> ready = processor;
    if (ready != null) {
      return ready;
    }
    synchronized (discoveryLock) {
      if (processor != null) {
        return processor;
      }
      Instant now = clock.instant();
      if (now.isBefore(nextDiscovery)) {
        throw new KeySourceException("the identity provider could not be reached recently; it is asked again after " + nextDiscovery);
      }
      URI keys;
      try {
        keys = settings.jwksUri().isEmpty() ? discover() : URI.create(settings.jwksUri());
      } catch (KeySourceException e) {
        nextDiscovery = now.plus(REFETCH_INTERVAL);
        LOG.warn("the identity provider {} could not be asked for its keys' location: {}", settings.issuer(), e.getMessage());
        throw e;
      }
      processor = build(keys);
      return processor;
    }
  }

  private URI discover() throws KeySourceException {
    URI uri = settings.discoveryUri();
    Map<String, Object> document;
    try {
      document = JSONObjectUtils.parse(retriever.retrieveResource(uri.toURL()).getContent());
    } catch (IOException | ParseException e) {
      throw new KeySourceException("its discovery document " + uri + " could not be read: " + e.getMessage(), e);
    }
    Object issuer = document.get("issuer");
    if (!settings.issuer().equals(issuer)) {
      throw new KeySourceException("its discovery document " + uri + " names the issuer '" + issuer + "', not the configured '"
          + settings.issuer() + "'");
    }
    if (!(document.get("jwks_uri") instanceof String jwks)) {
      throw new KeySourceException("its discovery document " + uri + " has no jwks_uri");
    }
    try {
      return OidcSettings.requireSafeUrl("the jwks_uri of " + uri, jwks);
    } catch (OidcSettings.Misconfigured e) {
      throw new KeySourceException(e.getMessage());
    }
  }

  private DefaultJWTProcessor<SecurityContext> build(URI keys) throws KeySourceException {
    URL url;
    try {
      url = keys.toURL();
    } catch (java.net.MalformedURLException | IllegalArgumentException e) {
      throw new KeySourceException("the keys' location " + keys + " is not a URL", e);
    }
    JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(url, retriever);
    JWKSetSource<SecurityContext> limited = new RateLimitedJWKSetSource<>(fetched, REFETCH_INTERVAL.toMillis(), null);
    CachingJWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(limited, KEYS_TTL.toMillis(), 15_000, null);
    DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
    built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
        new JOSEObjectType("application/at+jwt"), null));
    built.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ClockedKeys(cached, clock)));
    built.setJWTClaimsSetVerifier(new Claims(settings, clock));
    this.keysUri = keys;
    return built;
  }

  /**
   * The issuer's keys, cached and rate-limited on the service's clock: a token naming a key not in
   * the cache fetches the set again (that is how a rotated key becomes known), unless that was done
   * twice in the last refetch interval, in which case the key is simply unknown.
   */
  private record ClockedKeys(CachingJWKSetSource<SecurityContext> source, Clock clock) implements JWKSource<SecurityContext> {
    @Override
    public List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) throws KeySourceException {
      long now = clock.millis();
      JWKSet known = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
      List<JWK> found = selector.select(known);
      if (!found.isEmpty()) {
        return found;
      }
      try {
        return selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(known), now, context));
      } catch (RateLimitReachedException e) {
        return List.of();
      }
    }
  }

  /** The registered claims, checked on the service's clock rather than the machine's. */
  private static final class Claims extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Clock clock;
    private final String subjectClaim;

    Claims(OidcSettings settings, Clock clock) {
      super(Set.of(settings.audience()), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", settings.subjectClaim()),
          null);
      setMaxClockSkew((int) SKEW.toSeconds());
      this.clock = clock;
      this.subjectClaim = settings.subjectClaim();
    }

    @Override
    protected Date currentTime() {
      return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
      super.verify(claims, context);
      Date issued = claims.getIssueTime();
      if (issued != null && issued.toInstant().isAfter(clock.instant().plus(SKEW))) {
        throw new IssuedInTheFuture();
      }
      if (!(claims.getClaim(subjectClaim) instanceof String subject) || subject.isBlank() || subject.length() > 500) {
        throw new BadJWTException("JWT missing required claims: [" + subjectClaim + "] (as a string of at most 500 characters)");
      }
    }
  }

  private static final class IssuedInTheFuture extends BadJWTException {
    static final String MESSAGE = "JWT issued in the future";

    IssuedInTheFuture() {
      super(MESSAGE);
    }
  }
}
