package dev.compact.web;

import static dev.compact.web.DashboardService.encode;
import static dev.compact.web.DashboardService.session;
import static dev.compact.web.DashboardService.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Accounts;
import dev.compact.access.DashboardSessions;
import dev.compact.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing in and out of the dashboard, and the sessions behind it, as a browser meets them over
 * HTTP, on SQLite and PostgreSQL: the cookie, the answers, when a session ends (by the service's
 * clock), and that instances over one database share sessions.
 */
class SignInIntegrationTests {
  private static final String PASSWORD = DashboardService.PASSWORD;
  private static final Map<String, DashboardService> SERVICES = new ConcurrentHashMap<>();

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @AfterAll
  static void stop() {
    SERVICES.values().forEach(s -> s.context().close());
    SERVICES.clear();
  }

  /** One service per kind of database for the whole class, each test with accounts of its own. */
  private static DashboardService service(String kind) {
    return SERVICES.computeIfAbsent(kind, k -> DashboardService.start(TestDatabases.freshUrl(k)));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void signingInSetsAnHttpOnlyStrictSessionCookieThatIsSecureOverHttps(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();

    HttpResponse<String> plain = s.signIn(desk, PASSWORD, "/incidents", null);
    HttpResponse<String> secure = s.signIn(desk, PASSWORD, "/", null, "X-Forwarded-Proto", "https");

    assertThat(plain.statusCode()).isEqualTo(302);
    assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/incidents"));
    String cookie = sessionCookieHeader(plain);
    assertThat(cookie).matches("compact_session=cps_[A-Za-z0-9_-]{43}; .*").contains("; Max-Age=43200; ", "; Path=/;", "; HttpOnly",
        "; SameSite=Strict").doesNotContain("Secure");
    assertThat(sessionCookieHeader(secure)).contains("; Secure", "; HttpOnly", "; SameSite=Strict");
    assertThat(s.signedInAs(session(plain), true)).contains(desk);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everySignInGetsANewSessionAndEndsTheOneTheBrowserHad(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String first = session(s.signIn(desk, PASSWORD, "/", null));

    String second = session(s.signIn(desk, PASSWORD, "/", first));

    assertThat(second).isNotEqualTo(first);
    assertThat(s.signedInAs(first, true)).isEmpty();
    assertThat(s.signedInAs(second, true)).contains(desk);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aWrongPasswordShowsTheFormAgainWithoutACookieAndFailuresInARowAreThrottled(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = s.signIn(desk, "guess " + i, "/incidents", null);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardSessions.COOKIE + "=cps_"));
      assertThat(response.body()).contains("The name or password is wrong.", "value=\"" + desk + "\"").doesNotContain("guess " + i);
    }
    String expected = "Too many failed sign-ins with this name: try again in 1 minute.";

    HttpResponse<String> throttled = s.signIn(desk, PASSWORD, "/", null);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(30L, 60L);
    assertThat(throttled.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardSessions.COOKIE + "=cps_"));
    assertThat(throttled.body()).contains(expected);
  }

  /**
   * The lockout followed the service's clock, which is data: on a demo with a test clock a name stayed locked until
   * someone moved the clock, and moving it a day on unlocked a name being guessed at once. It follows real time.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theLockoutLastsInRealTimeWhateverTheServiceClockDoes(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    for (int i = 0; i < 5; i++) {
      assertThat(s.signIn(desk, "guess " + i, "/", null).statusCode()).isEqualTo(401);
    }
    s.clock().advance(Duration.ofDays(2));

    HttpResponse<String> throttled = s.signIn(desk, PASSWORD, "/", null);

    assertThat(throttled.statusCode()).as("the test clock moved two days, real time did not").isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(30L, 60L);
    assertThat(throttled.body()).contains("Too many failed sign-ins with this name: try again in 1 minute.");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void signingOutDeletesTheSessionSoItsCookieIsRefusedAfterwards(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));
    String other = session(s.signIn(desk, PASSWORD, "/", null));

    HttpResponse<String> out = s.post("/signout", "", id);

    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/?done=signed-out"));
    assertThat(sessionCookieHeader(out)).startsWith(DashboardSessions.COOKIE + "=;").contains("Max-Age=0");
    assertThat(s.signedInAs(id, true)).as("the old cookie, sent again").isEmpty();
    assertThat(s.signedInAs(other, true)).as("only that session").contains(desk);
    assertThat(s.accounts().sessions().count(desk)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTokenOpensASessionThatEndsWhenTheTokenIsRevoked(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    Accounts.Issued token = s.accounts().issue(desk, Duration.ofDays(1));
    String withPassword = session(s.signIn(desk, PASSWORD, "/", null));

    HttpResponse<String> opened = s.post("/signin/token", "token=" + encode(" " + token.token() + " ") + "&back=/ledger", null);
    HttpResponse<String> wrong = s.post("/signin/token", "token=" + encode(token.token() + "x"), null);

    assertThat(opened.statusCode()).isEqualTo(302);
    assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ledger"));
    String id = session(opened);
    assertThat(id).as("a session id, not the token").doesNotContain(token.token().substring(4));
    assertThat(s.signedInAs(id, true)).contains(desk);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("The token is unknown, expired or revoked.");
    s.accounts().revoke(token.id());
    assertThat(s.signedInAs(id, true)).isEmpty();
    assertThat(s.signedInAs(withPassword, true)).as("a session opened with the password stays").contains(desk);
    assertThat(s.post("/signin/token", "token=" + encode(token.token()), null).statusCode()).as("a revoked token opens nothing").isEqualTo(401);
    assertThat(s.post("/signin/token", "token=cpt_made-up", null).statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tokenSessionEndsWhenItsTokenExpires(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.post("/signin/token", "token=" + encode(s.accounts().issue(desk, Duration.ofMinutes(50)).token()), null));

    s.clock().advance(Duration.ofMinutes(25));
    assertThat(s.signedInAs(id, true)).contains(desk);
    s.clock().advance(Duration.ofMinutes(25));

    assertThat(s.signedInAs(id, true)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sessionEndsAfterThirtyMinutesWithoutAPageOpened(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));

    s.clock().advance(Duration.ofMinutes(29));
    assertThat(s.signedInAs(id, true)).contains(desk);
    s.clock().advance(Duration.ofMinutes(29));
    assertThat(s.signedInAs(id, true)).as("58 minutes in, 29 idle").contains(desk);
    s.clock().advance(Duration.ofMinutes(30));

    assertThat(s.signedInAs(id, true)).isEmpty();
    assertThat(s.accounts().sessions().count(desk)).as("an expired session is deleted when met").isZero();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void onlyPagesOpenedByThePersonPostponeTheIdleTimeout(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));
    s.clock().advance(Duration.ofMinutes(20));
    assertThat(s.signedInAs(id, false)).as("a page refreshing itself").contains(desk);
    s.clock().advance(Duration.ofMinutes(10));
    assertThat(s.signedInAs(id, true)).as("30 minutes after the last page opened").isEmpty();

    String other = session(s.signIn(desk, PASSWORD, "/", null));
    s.clock().advance(Duration.ofMinutes(20));
    assertThat(s.signedInAs(other, true)).contains(desk);
    s.clock().advance(Duration.ofMinutes(20));
    assertThat(s.signedInAs(other, true)).contains(desk);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sessionEndsTwelveHoursAfterSignInHoweverBusy(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));

    for (int i = 0; i < 35; i++) {
      s.clock().advance(Duration.ofMinutes(20));
      assertThat(s.signedInAs(id, true)).as("after %d minutes", (i + 1) * 20).contains(desk);
    }
    s.clock().advance(Duration.ofMinutes(19));
    assertThat(s.signedInAs(id, true)).as("11 h 59 min").contains(desk);
    s.clock().advance(Duration.ofMinutes(1));

    assertThat(s.signedInAs(id, true)).as("12 h").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eachSignInGetsANewRandomIdStoredOnlyAsItsHash(String kind) throws Exception {
    DashboardService s = service(kind);
    String desk = s.desk();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(session(s.signIn(desk, PASSWORD, "/", null)));
    }

    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("cps_[A-Za-z0-9_-]{43}"));
    try (Connection c = s.record().database().dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT session_id FROM spring_session")) {
      int rows = 0;
      while (rs.next()) {
        String stored = rs.getString(1).strip();
        assertThat(stored).matches("[0-9a-f]{64}");
        assertThat(ids).noneMatch(id -> stored.contains(id.substring(4)));
        rows++;
      }
      assertThat(rows).isGreaterThanOrEqualTo(3);
    }
    assertThat(s.signedInAs("cps_" + "A".repeat(43), true)).as("made up").isEmpty();
    assertThat(s.signedInAs(ids.getFirst() + "x", true)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void disablingAnAccountOrChangingItsPasswordEndsItsSessions(String kind) {
    DashboardService s = service(kind);
    String uk = s.desk();
    String de = s.desk();
    String ukSession = session(s.signIn(uk, PASSWORD, "/", null));
    String deSession = session(s.signIn(de, PASSWORD, "/", null));
    Accounts.Issued token = s.accounts().issue(uk, Duration.ofDays(1));

    assertThat(s.accounts().disable(uk)).isTrue();

    assertThat(s.signedInAs(ukSession, true)).isEmpty();
    assertThat(s.accounts().authenticate(token.token())).as("its tokens stop too").isEmpty();
    assertThat(s.post("/signin/token", "token=" + encode(token.token()), null).statusCode()).isEqualTo(401);
    assertThat(s.signedInAs(deSession, true)).contains(de);
    s.accounts().enable(uk);
    assertThat(s.signedInAs(ukSession, true)).as("enabling does not bring a session back").isEmpty();

    s.accounts().passwords().set(de, "a new password for the desk");
    assertThat(s.signedInAs(deSession, true)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFormPostedWithoutASessionAsksToSignIn(String kind) {
    DashboardService s = service(kind);

    HttpResponse<String> response = s.post("/incidents", "id=x1&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR",
        "cps_" + "x".repeat(43));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("name and password");
  }

  /**
   * A form sent without the page's CSRF token, as another site's page would send it, is refused,
   * even with a live session: recording, signing in (into the attacker's account) and signing out.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void formsWithoutTheDashboardsCsrfTokenAreRefusedAndRecordNothing(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));
    String form = "id=csrf-" + kind + "&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR";

    HttpResponse<String> forged = s.postWithoutToken("/incidents", form, id);
    HttpResponse<String> signInForged = s.postWithoutToken("/signin", "name=" + desk + "&password=" + encode(PASSWORD), null);
    HttpResponse<String> signOutForged = s.postWithoutToken("/signout", "", id);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(signInForged.statusCode()).isEqualTo(403);
    assertThat(signInForged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardSessions.COOKIE + "=cps_"));
    assertThat(signOutForged.statusCode()).isEqualTo(403);
    assertThat(s.signedInAs(id, true)).as("still signed in").contains(desk);
    assertThat(s.record().queries(dev.compact.access.Clearance.SECRET).incident("csrf-" + kind)).isEmpty();
    HttpResponse<String> own = s.post("/incidents", form, id);
    assertThat(own.statusCode()).as("with the token: " + own.body()).isEqualTo(302);
  }

  /** Issue #14's done-when: a session opened on one instance is valid on the other, and ended there ends it on both. */
  @ParameterizedTest
  @MethodSource("kinds")
  void twoServicesOverOneDatabaseShareTheirSessions(String kind) {
    String url = TestDatabases.freshUrl(kind);
    DashboardService one = DashboardService.start(url);
    try {
      DashboardService other = DashboardService.start(url);
      try {
        String desk = one.desk();
        String id = session(one.signIn(desk, PASSWORD, "/", null));

        assertThat(other.signedInAs(id, true)).contains(desk);
        HttpResponse<String> reported = other.post("/incidents", "id=shared-1&kind=drone-strike&place=UA-30&severity=2&reportedBy=UKR", id);
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(302);
        assertThat(one.record().queries(dev.compact.access.Clearance.SECRET).incident("shared-1")).isNotEmpty();
        assertThat(other.post("/signout", "", id).statusCode()).isEqualTo(302);
        assertThat(one.signedInAs(id, true)).isEmpty();
      } finally {
        other.context().close();
      }
    } finally {
      one.context().close();
    }
  }

  /**
   * Issue #17: the screening routes' security chains manage no session, so a signed-in browser that screens keeps its
   * session as it was: no cookie comes back, screening does not postpone the idle timeout (only pages opened by the
   * person do), and the cookie of a session that has ended stops nobody from screening.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void screeningFromASignedInBrowserLeavesItsSessionAsItWas(String kind) {
    DashboardService s = service(kind);
    String desk = s.desk();
    String id = session(s.signIn(desk, PASSWORD, "/", null));
    s.clock().advance(Duration.ofMinutes(20));

    HttpResponse<String> screened = screen(s, id);
    assertThat(screened.statusCode()).as(screened.body()).isEqualTo(200);
    assertThat(screened.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(screened.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(s.signedInAs(id, false)).as("the session is still open").contains(desk);
    s.clock().advance(Duration.ofMinutes(10));
    assertThat(s.signedInAs(id, true)).as("30 minutes after the last page opened, screening in between").isEmpty();

    HttpResponse<String> ended = screen(s, id);
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(ended.headers().allValues("Set-Cookie")).isEmpty();
  }

  private static HttpResponse<String> screen(DashboardService s, String session) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(s.base() + "/api/screen"))
        .header("Content-Type", "application/json").header("Cookie", DashboardSessions.COOKIE + "=" + session + "; compact_csrf=x")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Oleg Deripaska\"}")).build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
