package dev.compact.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenID Connect provider for tests, on this machine: it serves a discovery document and the
 * public half of keys made in the test, and signs tokens with them as a real provider would.
 */
public final class LocalIdentityProvider implements AutoCloseable {
  private final HttpServer server;
  private final String issuer;
  private final AtomicReference<List<JWK>> published = new AtomicReference<>(List.of());
  private final AtomicReference<String> announcedIssuer = new AtomicReference<>();
  private final AtomicInteger keyFetches = new AtomicInteger();

  private LocalIdentityProvider(HttpServer server) {
    this.server = server;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/compact";
    announcedIssuer.set(issuer);
  }

  public static LocalIdentityProvider start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LocalIdentityProvider provider = new LocalIdentityProvider(server);
    server.createContext("/realms/compact/.well-known/openid-configuration", exchange -> provider.answer(exchange,
        "{\"issuer\": \"" + provider.announcedIssuer.get() + "\", \"jwks_uri\": \"" + provider.issuer + "/keys\","
            + " \"id_token_signing_alg_values_supported\": [\"RS256\", \"ES256\"]}"));
    server.createContext("/realms/compact/keys", exchange -> {
      provider.keyFetches.incrementAndGet();
      provider.answer(exchange, new JWKSet(provider.published.get()).toString(true));
    });
    server.start();
    return provider;
  }

  public String issuer() {
    return issuer;
  }

  /** How often the key set was fetched. */
  public int keyFetches() {
    return keyFetches.get();
  }

  /** Publishes the public halves of these keys, and only them, from now on. */
  public void publish(JWK... keys) {
    published.set(java.util.Arrays.stream(keys).map(JWK::toPublicJWK).toList());
  }

  /** Makes the discovery document name another issuer than the one it is served for. */
  public void announceIssuer(String other) {
    announcedIssuer.set(other);
  }

  public static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a token for the subject, issued now for this provider and the audience, valid ten minutes. */
  public JWTClaimsSet.Builder claims(String subject, String audience, Instant now) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  /** A compact JWS of the claims, signed with the key under the algorithm, naming the key's id. */
  public static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
