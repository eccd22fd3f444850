package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

/** Signing in and out of the dashboard as the browser sees it: the cookie, the answers, the session behind them. */
class SignInIntegrationTests {
  private static final String PASSWORD = "kyiv compact desk 2026";
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void signingInSetsAnHttpOnlyStrictSessionCookieThatIsSecureOverHttps(String kind) {
    try (Fixture f = new Fixture(kind)) {
      MockHttpServletResponse plain = new MockHttpServletResponse();
      String view = f.controller.signIn("uk-desk", PASSWORD, "/incidents", post("/signin", null), plain, new ExtendedModelMap());
      MockHttpServletRequest https = post("/signin", null);
      https.setSecure(true);
      MockHttpServletResponse secure = new MockHttpServletResponse();
      f.controller.signIn("uk-desk", PASSWORD, "/", https, secure, new ExtendedModelMap());

      assertThat(view).isEqualTo("redirect:/incidents");
      assertThat(plain.getHeader("Set-Cookie")).matches("compact_session=cps_[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; Expires=.*")
          .contains("; HttpOnly; SameSite=Strict").doesNotContain("Secure");
      assertThat(secure.getHeader("Set-Cookie")).contains("; Secure; HttpOnly; SameSite=Strict");
      assertThat(f.actor(sessionOf(plain))).map(Actor::name).contains("uk-desk");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everySignInGetsANewSessionAndEndsTheOneTheBrowserHad(String kind) {
    try (Fixture f = new Fixture(kind)) {
      String first = f.signIn();
      MockHttpServletResponse again = new MockHttpServletResponse();
      f.controller.signIn("uk-desk", PASSWORD, "/", post("/signin", first), again, new ExtendedModelMap());
      String second = sessionOf(again);

      assertThat(second).isNotEqualTo(first);
      assertThat(f.actor(first)).isEmpty();
      assertThat(f.actor(second)).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aWrongPasswordShowsTheFormAgainWithoutACookieAndFailuresInARowAreThrottled(String kind) {
    try (Fixture f = new Fixture(kind)) {
      for (int i = 0; i < 5; i++) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();
        String view = f.controller.signIn("uk-desk", "guess " + i, "/incidents", post("/signin", null), response, model);

        assertThat(view).isEqualTo("signin");
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("Set-Cookie")).isNull();
        assertThat(model.getAttribute("error")).isEqualTo("The name or password is wrong.");
        assertThat(model.getAttribute("name")).isEqualTo("uk-desk");
      }
      MockHttpServletResponse throttled = new MockHttpServletResponse();
      ExtendedModelMap model = new ExtendedModelMap();
      f.controller.signIn("uk-desk", PASSWORD, "/", post("/signin", null), throttled, model);

      assertThat(throttled.getStatus()).isEqualTo(429);
      assertThat(throttled.getHeader("Retry-After")).isEqualTo("60");
      assertThat(throttled.getHeader("Set-Cookie")).isNull();
      assertThat(model.getAttribute("error")).isEqualTo("Too many failed sign-ins with this name: try again after 1 Mar 2026, 09:01 UTC.");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void signingOutDeletesTheSessionSoItsCookieIsRefusedAfterwards(String kind) {
    try (Fixture f = new Fixture(kind)) {
      String id = f.signIn();
      MockHttpServletResponse response = new MockHttpServletResponse();

      String view = f.controller.signOut(post("/signout", id), response);

      assertThat(view).isEqualTo("redirect:/?done=signed-out");
      assertThat(response.getHeader("Set-Cookie")).startsWith("compact_session=; Path=/; Max-Age=0;");
      assertThat(f.actor(id)).as("the old cookie, sent again").isEmpty();
      assertThat(f.accounts.sessions().count("uk-desk")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTokenOpensASessionThatEndsWhenTheTokenIsRevoked(String kind) {
    try (Fixture f = new Fixture(kind)) {
      Accounts.Issued token = f.accounts.issue("uk-desk", Duration.ofDays(1));
      MockHttpServletResponse response = new MockHttpServletResponse();
      String view = f.controller.signInWithToken(" " + token.token() + " ", "/ledger", post("/signin/token", null), response, new ExtendedModelMap());
      String id = sessionOf(response);
      MockHttpServletResponse wrong = new MockHttpServletResponse();
      ExtendedModelMap model = new ExtendedModelMap();
      f.controller.signInWithToken(token.token() + "x", "/", post("/signin/token", null), wrong, model);

      assertThat(view).isEqualTo("redirect:/ledger");
      assertThat(id).as("a session id, not the token").doesNotContain(token.token().substring(4));
      assertThat(f.actor(id)).map(Actor::name).contains("uk-desk");
      assertThat(wrong.getStatus()).isEqualTo(401);
      assertThat(model.getAttribute("error")).isEqualTo("The token is unknown, expired or revoked.");
      f.accounts.revoke(token.id());
      assertThat(f.actor(id)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void onlyPagesOpenedByThePersonPostponeTheIdleTimeout(String kind) {
    try (Fixture f = new Fixture(kind)) {
      String id = f.signIn();
      f.clock.advance(Duration.ofMinutes(20));
      MockHttpServletRequest refresh = get(id);
      refresh.addHeader("Sec-Fetch-Mode", "cors");
      assertThat(f.auth.actor(refresh)).isPresent();
      f.clock.advance(Duration.ofMinutes(10));
      assertThat(f.actor(id)).as("30 minutes after the last page opened").isEmpty();

      String other = f.signIn();
      f.clock.advance(Duration.ofMinutes(20));
      MockHttpServletRequest opened = get(other);
      opened.addHeader("Sec-Fetch-Mode", "navigate");
      assertThat(f.auth.actor(opened)).isPresent();
      f.clock.advance(Duration.ofMinutes(20));
      assertThat(f.actor(other)).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFormPostedWithoutASessionAsksToSignIn(String kind) {
    try (Fixture f = new Fixture(kind)) {
      MockHttpServletRequest request = post("/incidents", "cps_" + "x".repeat(43));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.auth.require(request)).isInstanceOf(DashboardAuth.NotSignedIn.class)
          .hasMessageContaining("name and password");
    }
  }

  private static MockHttpServletRequest post(String path, String session) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    if (session != null) {
      request.setCookies(new Cookie(DashboardAuth.COOKIE, session));
    }
    return request;
  }

  private static MockHttpServletRequest get(String session) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/incidents");
    request.setCookies(new Cookie(DashboardAuth.COOKIE, session));
    return request;
  }

  private static String sessionOf(MockHttpServletResponse response) {
    String header = response.getHeader("Set-Cookie");
    assertThat(header).as("Set-Cookie").startsWith(DashboardAuth.COOKIE + "=");
    return header.substring(DashboardAuth.COOKIE.length() + 1, header.indexOf(';'));
  }

  /** A fresh database with one account that has a password, and the dashboard's sign-in over it. */
  private static final class Fixture implements AutoCloseable {
    final TestClock clock = new TestClock(START);
    final Database db;
    final Accounts accounts;
    final DashboardAuth auth;
    final SignInController controller;

    Fixture(String kind) {
      db = TestDatabases.fresh(kind);
      accounts = new Accounts(db, clock);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.passwords().set("uk-desk", PASSWORD);
      auth = new DashboardAuth(accounts, new dev.compact.access.WriteRate(20, 100));
      controller = new SignInController(accounts, clock);
    }

    String signIn() {
      MockHttpServletResponse response = new MockHttpServletResponse();
      controller.signIn("uk-desk", PASSWORD, "/", post("/signin", null), response, new ExtendedModelMap());
      return sessionOf(response);
    }

    /** The actor of a request that carries this session id, as a page opened by the person. */
    Optional<Actor> actor(String session) {
      return auth.actor(get(session));
    }

    @Override
    public void close() {
      db.close();
    }
  }
}
