package dev.compact.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.compact.identity.OidcVerifier.Outcome;
import dev.compact.service.TestClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcVerifierTests {
  private static final Instant START = Instant.parse("2026-03-01T06:00:00Z");
  private static final RSAKey RSA = LocalIdentityProvider.rsaKey("rsa-1");
  private static final ECKey EC = LocalIdentityProvider.ecKey("ec-1");
  private LocalIdentityProvider idp;
  private TestClock clock;
  private OidcVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    idp = LocalIdentityProvider.start();
    idp.publish(RSA, EC);
    clock = new TestClock(START);
    verifier = new OidcVerifier(new OidcSettings(idp.issuer(), "compact", "", "sub"), clock);
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  private JWTClaimsSet.Builder claims() {
    return idp.claims("alice", "compact", START);
  }

  private String rs256(JWTClaimsSet claims) {
    return LocalIdentityProvider.sign(RSA, JWSAlgorithm.RS256, claims);
  }

  @Test
  void acceptsTokensSignedByPublishedRsaAndEcKeys() {
    assertThat(verifier.verify(rs256(claims().build()))).isEqualTo(new Outcome.Verified(idp.issuer(), "alice"));
    assertThat(verifier.verify(LocalIdentityProvider.sign(RSA, JWSAlgorithm.PS256, claims().build())))
        .isEqualTo(new Outcome.Verified(idp.issuer(), "alice"));
    assertThat(verifier.verify(LocalIdentityProvider.sign(EC, JWSAlgorithm.ES256, claims().subject("bob").build())))
        .isEqualTo(new Outcome.Verified(idp.issuer(), "bob"));
  }

  @Test
  void acceptsAnAudienceListThatIncludesThisService() {
    assertThat(verifier.verify(rs256(claims().audience(List.of("account", "compact")).build()))).isInstanceOf(Outcome.Verified.class);
  }

  @Test
  void refusesAnotherIssuerOrAudience() {
    assertThat(verifier.verify(rs256(claims().issuer(idp.issuer() + "/").build())))
        .isEqualTo(new Outcome.Refused("the token was issued by another issuer than " + idp.issuer()));
    assertThat(verifier.verify(rs256(claims().audience("other-app").build()))).isEqualTo(
        new Outcome.Refused("the token is not meant for this service (its audience does not include 'compact')"));
    assertThat(verifier.verify(rs256(claims().audience(List.of()).build()))).isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void judgesTimeOnTheServiceClockWithAMinuteOfSkew() {
    JWTClaimsSet expiredAMinuteAgo = claims().issueTime(Date.from(START.minusSeconds(700))).expirationTime(Date.from(START.minusSeconds(59)))
        .build();
    assertThat(verifier.verify(rs256(expiredAMinuteAgo))).isInstanceOf(Outcome.Verified.class);
    clock.advance(Duration.ofSeconds(2));
    assertThat(verifier.verify(rs256(expiredAMinuteAgo))).isEqualTo(new Outcome.Refused("the token has expired"));

    JWTClaimsSet notBeforeInTwoMinutes = claims().notBeforeTime(Date.from(clock.instant().plusSeconds(120))).build();
    assertThat(verifier.verify(rs256(notBeforeInTwoMinutes))).isEqualTo(new Outcome.Refused("the token is not valid yet"));
    clock.advance(Duration.ofSeconds(61));
    assertThat(verifier.verify(rs256(notBeforeInTwoMinutes))).isInstanceOf(Outcome.Verified.class);

    JWTClaimsSet issuedInFiveMinutes = claims().issueTime(Date.from(clock.instant().plusSeconds(300))).build();
    assertThat(verifier.verify(rs256(issuedInFiveMinutes))).isEqualTo(new Outcome.Refused("the token was issued in the future"));
  }

  @Test
  void refusesATokenWithoutExpiryOrSubject() {
    assertThat(verifier.verify(rs256(claims().expirationTime(null).build()))).isEqualTo(
        new Outcome.Refused("the token lacks a required claim: [exp]"));
    assertThat(verifier.verify(rs256(claims().subject(null).build()))).isEqualTo(new Outcome.Refused("the token lacks a required claim: [sub]"));
  }

  @Test
  void refusesUnsignedTokensAndSymmetricAlgorithms() throws Exception {
    String header = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)).toString();
    String payload = claims().build().toPayload().toBase64URL().toString();
    assertThat(verifier.verify(header + "." + payload + ".")).isEqualTo(new Outcome.Refused("unsigned tokens (\"alg\": \"none\") are refused"));
    assertThat(verifier.verify(header + "." + payload + "." + payload)).isInstanceOf(Outcome.Refused.class);

    // Algorithm confusion: an HMAC keyed with the provider's public key, which anyone can fetch.
    SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(), claims().build());
    confused.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
    assertThat(verifier.verify(confused.serialize())).isEqualTo(
        new Outcome.Refused("the signing algorithm HS256 is refused; identity tokens must be signed with RS*, PS* or ES* keys"));
  }

  @Test
  void refusesATamperedPayloadAndAnUnknownKey() {
    String[] parts = rs256(claims().build()).split("\\.");
    String otherPayload = claims().subject("mallory").build().toPayload().toBase64URL().toString();
    assertThat(verifier.verify(parts[0] + "." + otherPayload + "." + parts[2]))
        .isEqualTo(new Outcome.Refused("the token's signature does not verify"));

    // The same key id, another key: the signature cannot verify against what the provider publishes.
    RSAKey impostor = LocalIdentityProvider.rsaKey("rsa-1");
    assertThat(verifier.verify(LocalIdentityProvider.sign(impostor, JWSAlgorithm.RS256, claims().build())))
        .isEqualTo(new Outcome.Refused("the token's signature does not verify"));
    RSAKey unknown = LocalIdentityProvider.rsaKey("rsa-unknown");
    assertThat(verifier.verify(LocalIdentityProvider.sign(unknown, JWSAlgorithm.RS256, claims().build())))
        .isEqualTo(new Outcome.Refused("the token is signed with a key the identity provider does not publish"));
  }

  @Test
  void learnsARotatedKeyButRefetchesAtMostTwiceAnInterval() {
    assertThat(verifier.verify(rs256(claims().build()))).isInstanceOf(Outcome.Verified.class);
    assertThat(idp.keyFetches()).isEqualTo(1);

    RSAKey next = LocalIdentityProvider.rsaKey("rsa-2");
    idp.publish(RSA, next);
    assertThat(verifier.verify(LocalIdentityProvider.sign(next, JWSAlgorithm.RS256, claims().build()))).isInstanceOf(Outcome.Verified.class);
    assertThat(idp.keyFetches()).isEqualTo(2);

    // Tokens naming keys nobody published cannot make the service hammer the provider.
    for (int i = 0; i < 20; i++) {
      String token = LocalIdentityProvider.sign(LocalIdentityProvider.ecKey("made-up-" + i), JWSAlgorithm.ES256, claims().build());
      assertThat(verifier.verify(token)).isInstanceOf(Outcome.Refused.class);
    }
    assertThat(idp.keyFetches()).isEqualTo(2);

    RSAKey third = LocalIdentityProvider.rsaKey("rsa-3");
    idp.publish(next, third);
    String withThird = LocalIdentityProvider.sign(third, JWSAlgorithm.RS256, claims().build());
    assertThat(verifier.verify(withThird)).isEqualTo(new Outcome.Refused("the token is signed with a key the identity provider does not publish"));
    clock.advance(OidcVerifier.REFETCH_INTERVAL.plusSeconds(1));
    assertThat(verifier.verify(withThird)).isInstanceOf(Outcome.Verified.class);
    assertThat(idp.keyFetches()).isEqualTo(3);
  }

  @Test
  void cachedKeysExpireSoThatARetiredKeyStopsWorking() {
    assertThat(verifier.verify(rs256(claims().build()))).isInstanceOf(Outcome.Verified.class);
    idp.publish(EC);
    clock.advance(OidcVerifier.KEYS_TTL.plusSeconds(1));
    String later = rs256(claims().issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
    assertThat(verifier.verify(later)).isEqualTo(new Outcome.Refused("the token is signed with a key the identity provider does not publish"));
  }

  @Test
  void usesConfiguredKeysWithoutDiscoveryAndAnotherLinkingClaim() {
    idp.announceIssuer("https://elsewhere.example");
    OidcVerifier direct = new OidcVerifier(new OidcSettings(idp.issuer(), "compact", idp.issuer() + "/keys", "email"), clock);

    assertThat(direct.verify(rs256(claims().claim("email", "alice@example.org").build())))
        .isEqualTo(new Outcome.Verified(idp.issuer(), "alice@example.org"));
    assertThat(direct.verify(rs256(claims().build()))).isEqualTo(new Outcome.Refused("the token lacks a required claim: [email]"));
  }

  @Test
  void aDiscoveryDocumentForAnotherIssuerIsNotTrusted() {
    idp.announceIssuer("https://elsewhere.example");

    assertThat(verifier.verify(rs256(claims().build()))).isInstanceOf(Outcome.Unavailable.class);
    assertThat(idp.keyFetches()).isZero();
  }

  @Test
  void anUnreachableProviderMakesTokensUncheckedAndIsAskedAgainOnlyAfterAnInterval() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    OidcVerifier down = new OidcVerifier(new OidcSettings("http://127.0.0.1:" + closed, "compact", "", "sub"), clock);
    String token = rs256(claims().issuer("http://127.0.0.1:" + closed).build());

    assertThat(down.verify(token)).isInstanceOf(Outcome.Unavailable.class);
    assertThat(down.verify(token)).isEqualTo(new Outcome.Unavailable("the identity provider could not be reached recently; it is asked again after "
        + START.plus(OidcVerifier.REFETCH_INTERVAL)));
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> new OidcSettings("https://idp.example", "", "", "sub")).isInstanceOf(OidcSettings.Misconfigured.class)
        .hasMessageStartingWith("compact.oidc.issuer is set but compact.oidc.audience is not");
    assertThatThrownBy(() -> new OidcSettings("http://idp.example", "compact", "", "sub")).isInstanceOf(OidcSettings.Misconfigured.class)
        .hasMessage("compact.oidc.issuer must be an https:// URL (http:// only for localhost), not 'http://idp.example'");
    assertThatThrownBy(() -> new OidcSettings("https://idp.example", "compact", "ftp://idp.example/keys", "sub"))
        .isInstanceOf(OidcSettings.Misconfigured.class).hasMessageContaining("compact.oidc.jwks-uri");
    assertThat(new OidcSettings("", "", "", "").enabled()).isFalse();
    assertThat(new OidcSettings("https://idp.example/", "compact", "", "").discoveryUri())
        .hasToString("https://idp.example/.well-known/openid-configuration");
  }

  @Test
  void tellsJwtsFromCompactTokensByShape() {
    assertThat(OidcVerifier.looksLikeJwt(rs256(claims().build()))).isTrue();
    assertThat(OidcVerifier.looksLikeJwt("cpt_abcdefghijklmnopqrstuvwxyz")).isFalse();
    assertThat(OidcVerifier.looksLikeJwt("a.b.c.d.e")).isFalse();
  }
}
