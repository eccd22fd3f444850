package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionsIntegrationTests {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  private static final Accounts.Account DESK = new Accounts.Account("uk-desk", java.util.Set.of(Role.parse("guarantor:GBR").orElseThrow()));

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sessionEndsAfterThirtyMinutesWithoutAPageOpened(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Sessions sessions = withDesk(db, clock).sessions();
      String id = sessions.start(DESK);

      clock.advance(Duration.ofMinutes(29));
      assertThat(sessions.resume(id, true)).contains(DESK);
      clock.advance(Duration.ofMinutes(29));
      assertThat(sessions.resume(id, true)).as("58 minutes in, 29 idle").contains(DESK);
      clock.advance(Duration.ofMinutes(30));

      assertThat(sessions.resume(id, true)).isEmpty();
      assertThat(rows(db)).as("an expired session is deleted when met").isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void pageRefreshingItselfDoesNotKeepASessionAlive(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Sessions sessions = withDesk(db, clock).sessions();
      String id = sessions.start(DESK);

      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.resume(id, false)).contains(DESK);
      clock.advance(Duration.ofMinutes(10));

      assertThat(sessions.resume(id, false)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sessionEndsTwelveHoursAfterSignInHoweverBusy(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Sessions sessions = withDesk(db, clock).sessions();
      String id = sessions.start(DESK);

      for (int i = 0; i < 35; i++) {
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.resume(id, true)).as("after %d minutes", (i + 1) * 20).contains(DESK);
      }
      clock.advance(Duration.ofMinutes(19));
      assertThat(sessions.resume(id, true)).as("11 h 59 min").contains(DESK);
      clock.advance(Duration.ofMinutes(1));

      assertThat(sessions.resume(id, true)).as("12 h").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void signingOutEndsTheSessionAndItsIdIsRefusedAfterwards(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Sessions sessions = withDesk(db, new TestClock(START)).sessions();
      String id = sessions.start(DESK);
      String other = sessions.start(DESK);

      assertThat(sessions.end(id)).isTrue();

      assertThat(sessions.resume(id, true)).isEmpty();
      assertThat(sessions.end(id)).isFalse();
      assertThat(sessions.resume(other, true)).as("only that session").contains(DESK);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eachSignInGetsANewRandomIdStoredOnlyAsItsHash(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      Sessions sessions = withDesk(db, new TestClock(START)).sessions();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(sessions.start(DESK));
      }

      assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("cps_[A-Za-z0-9_-]{43}"));
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id_hash FROM dashboard_sessions")) {
        while (rs.next()) {
          String stored = rs.getString(1);
          assertThat(stored).hasSize(64);
          assertThat(ids).noneMatch(id -> stored.contains(id.substring(4)));
        }
      }
      assertThat(sessions.resume("cps_" + "A".repeat(43), true)).as("made up").isEmpty();
      assertThat(sessions.resume(ids.getFirst() + "x", true)).isEmpty();
      assertThat(sessions.resume(null, true)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void revokingATokenEndsTheSessionsOpenedWithItOnly(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = withDesk(db, new TestClock(START));
      Accounts.Issued token = accounts.issue("uk-desk", Duration.ofDays(30));
      String withToken = accounts.sessions().startWithToken(token.token()).orElseThrow();
      String withPassword = accounts.sessions().start(DESK);
      assertThat(accounts.sessions().resume(withToken, true)).contains(DESK);

      accounts.revoke(token.id());

      assertThat(accounts.sessions().resume(withToken, true)).isEmpty();
      assertThat(accounts.sessions().resume(withPassword, true)).contains(DESK);
      assertThat(accounts.sessions().startWithToken(token.token())).as("a revoked token opens nothing").isEmpty();
      assertThat(accounts.sessions().startWithToken("cpt_made-up")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tokenSessionEndsWhenItsTokenExpires(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = withDesk(db, clock);
      String id = accounts.sessions().startWithToken(accounts.issue("uk-desk", Duration.ofMinutes(50)).token()).orElseThrow();

      clock.advance(Duration.ofMinutes(25));
      assertThat(accounts.sessions().resume(id, true)).contains(DESK);
      clock.advance(Duration.ofMinutes(25));

      assertThat(accounts.sessions().resume(id, true)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void disablingAnAccountOrChangingItsPasswordEndsItsSessions(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = withDesk(db, new TestClock(START));
      accounts.add("de-desk", List.of("guarantor:DEU"));
      Accounts.Account de = accounts.find("de-desk").orElseThrow();
      String uk = accounts.sessions().start(DESK);
      String de1 = accounts.sessions().start(de);
      Accounts.Issued token = accounts.issue("uk-desk", Duration.ofDays(1));

      assertThat(accounts.disable("uk-desk")).isTrue();
      assertThat(accounts.disable("uk-desk")).isFalse();

      assertThat(accounts.sessions().resume(uk, true)).isEmpty();
      assertThat(accounts.authenticate(token.token())).as("its tokens stop too").isEmpty();
      assertThat(accounts.sessions().startWithToken(token.token())).isEmpty();
      assertThat(accounts.sessions().resume(de1, true)).isPresent();
      accounts.enable("uk-desk");
      assertThat(accounts.sessions().resume(uk, true)).as("enabling does not bring a session back").isEmpty();
      assertThat(accounts.authenticate(token.token())).isPresent();

      accounts.passwords().set("de-desk", "a new password for the desk");
      assertThat(accounts.sessions().resume(de1, true)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void twoServicesOverOneDatabaseShareTheirSessions(String kind) {
    String url = TestDatabases.freshUrl(kind);
    TestClock clock = new TestClock(START);
    try (Database first = Database.open(url); Database second = Database.open(url)) {
      Accounts one = withDesk(first, clock);
      Accounts other = new Accounts(second, clock);
      String id = one.sessions().start(DESK);

      assertThat(other.sessions().resume(id, true)).contains(DESK);
      assertThat(other.sessions().end(id)).isTrue();
      assertThat(one.sessions().resume(id, true)).isEmpty();
    }
  }

  private static Accounts withDesk(Database db, TestClock clock) {
    Accounts accounts = new Accounts(db, clock);
    accounts.add("uk-desk", List.of("guarantor:GBR"));
    return accounts;
  }

  private static int rows(Database db) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dashboard_sessions")) {
      rs.next();
      return rs.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
