package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordsIntegrationTests {
  private static final String PASSWORD = "kyiv compact desk 2026";
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rightPasswordSignsInAndAWrongOneIsRefused(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      assertThat(accounts.passwords().isSet("uk-desk")).isFalse();

      accounts.passwords().set("uk-desk", PASSWORD);

      assertThat(accounts.passwords().isSet("uk-desk")).isTrue();
      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD)).isEqualTo(new Passwords.SignIn.Accepted(
          new Accounts.Account("uk-desk", Set.of(new Role.GuarantorDesk(new PartyCode("GBR"))))));
      assertThat(accounts.passwords().signIn("  UK-Desk ", PASSWORD)).as("the name as typed").isInstanceOf(Passwords.SignIn.Accepted.class);
      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD + " ")).isEqualTo(new Passwords.SignIn.Refused());
      assertThat(accounts.passwords().signIn("uk-desk", "")).isEqualTo(new Passwords.SignIn.Refused());
      assertThat(storedHash(db, "uk-desk")).startsWith("pbkdf2-sha256:600000:").doesNotContain("kyiv");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void shortPasswordsAndUnknownAccountsAreRefusedWithAReason(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));

      assertThatThrownBy(() -> accounts.passwords().set("uk-desk", "eleven char")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 12 characters, this one has 11");
      assertThatThrownBy(() -> accounts.passwords().set("nobody", PASSWORD)).hasMessageContaining("no account 'nobody'");
      assertThat(accounts.passwords().isSet("uk-desk")).as("nothing stored").isFalse();
      // Twelve characters counted as a person would: the accents are one character each.
      accounts.passwords().set("uk-desk", "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301");
      assertThat(accounts.passwords().isSet("uk-desk")).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void unknownNameNoPasswordAndDisabledAccountAllGetTheWrongPasswordAnswer(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.add("de-desk", List.of("guarantor:DEU"));
      accounts.add("us-desk", List.of("guarantor:USA"));
      accounts.passwords().set("uk-desk", PASSWORD);
      accounts.passwords().set("us-desk", PASSWORD);
      accounts.disable("us-desk");

      Passwords.SignIn wrong = accounts.passwords().signIn("uk-desk", "not the password");

      assertThat(wrong).isEqualTo(new Passwords.SignIn.Refused());
      assertThat(accounts.passwords().signIn("nobody", "not the password")).isEqualTo(wrong);
      assertThat(accounts.passwords().signIn("de-desk", "not the password")).as("no password set").isEqualTo(wrong);
      assertThat(accounts.passwords().signIn("us-desk", PASSWORD)).as("disabled, right password").isEqualTo(wrong);
      assertThat(accounts.passwords().signIn("x".repeat(500), PASSWORD)).isEqualTo(wrong);

      accounts.enable("us-desk");
      assertThat(accounts.passwords().signIn("us-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
    }
  }

  /**
   * Not a speed measurement: without the hash against a dummy, an unknown name would be answered in
   * a millisecond instead of the quarter second a real check takes, and a wide ratio tells them apart
   * even on a busy machine.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void anUnknownNameTakesAsLongToRefuseAsAWrongPassword(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.passwords().set("uk-desk", PASSWORD);
      accounts.passwords().signIn("nobody-0", "warm up");
      List<Long> known = new ArrayList<>();
      List<Long> unknown = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        known.add(nanos(() -> accounts.passwords().signIn("uk-desk", "not the password")));
        unknown.add(nanos(() -> accounts.passwords().signIn("nobody-" + known.size(), "not the password")));
      }

      assertThat(median(unknown)).as("unknown %s vs known %s (ns)", unknown, known).isGreaterThan(median(known) / 4);
    }
  }

  /** Parallel guesses take turns: no more of them are checked than the count allows in a row. */
  @ParameterizedTest
  @MethodSource("kinds")
  void parallelGuessesOnOneNameAreCountedLikeGuessesInARow(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.passwords().set("uk-desk", PASSWORD);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      List<java.util.concurrent.Future<Passwords.SignIn>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String guess = "guess number " + i;
        answers.add(pool.submit(() -> accounts.passwords().signIn("uk-desk", guess)));
      }
      List<Passwords.SignIn> results = new ArrayList<>();
      for (var answer : answers) {
        results.add(answer.get());
      }
      pool.shutdown();

      assertThat(results).filteredOn(r -> r instanceof Passwords.SignIn.Refused).as("checked guesses").hasSizeLessThanOrEqualTo(Passwords.FREE_FAILURES);
      assertThat(results).filteredOn(r -> r instanceof Passwords.SignIn.Throttled).hasSizeGreaterThanOrEqualTo(8 - Passwords.FREE_FAILURES);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void fiveFailuresInARowMakeFurtherAttemptsWaitLongerEachTime(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, clock);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.passwords().set("uk-desk", PASSWORD);
      Passwords passwords = accounts.passwords();

      for (int i = 0; i < 4; i++) {
        assertThat(passwords.signIn("uk-desk", "guess " + i)).isEqualTo(new Passwords.SignIn.Refused());
        clock.advance(Duration.ofSeconds(10));
      }
      assertThat(passwords.signIn("uk-desk", PASSWORD)).as("four failures are not yet throttled").isInstanceOf(Passwords.SignIn.Accepted.class);
      for (int i = 0; i < 5; i++) {
        assertThat(passwords.signIn("uk-desk", "guess " + i)).isEqualTo(new Passwords.SignIn.Refused());
      }
      assertThat(passwords.signIn("uk-desk", PASSWORD)).as("even the right password waits")
          .isEqualTo(new Passwords.SignIn.Throttled(Duration.ofMinutes(1)));
      clock.advance(Duration.ofSeconds(59));
      assertThat(passwords.signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Throttled.class);
      clock.advance(Duration.ofSeconds(1));
      assertThat(passwords.signIn("uk-desk", "guess 6")).isEqualTo(new Passwords.SignIn.Refused());
      assertThat(passwords.signIn("uk-desk", PASSWORD)).isEqualTo(new Passwords.SignIn.Throttled(Duration.ofMinutes(2)));
      clock.advance(Duration.ofMinutes(2));
      assertThat(passwords.signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
      assertThat(passwords.signIn("uk-desk", "guess 7")).as("success starts the count again").isEqualTo(new Passwords.SignIn.Refused());
      assertThat(passwords.signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
    }
  }

  /** The throttle follows its own clock (real time in the service), not the service's, which may be a test clock. */
  @ParameterizedTest
  @MethodSource("kinds")
  void theThrottleFollowsItsOwnClockNotTheServices(String kind) {
    TestClock service = new TestClock(START);
    TestClock real = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, service, real);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.passwords().set("uk-desk", PASSWORD);
      for (int i = 0; i < 5; i++) {
        assertThat(accounts.passwords().signIn("uk-desk", "guess " + i)).isEqualTo(new Passwords.SignIn.Refused());
      }
      service.advance(Duration.ofDays(2));
      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD)).as("the service's clock moved, real time did not")
          .isEqualTo(new Passwords.SignIn.Throttled(Duration.ofMinutes(1)));
      real.advance(Duration.ofMinutes(1));
      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anUnknownNameIsThrottledLikeAKnownOne(String kind) {
    TestClock clock = new TestClock(START);
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, clock);
      for (int i = 0; i < 5; i++) {
        assertThat(accounts.passwords().signIn("nobody", "guess " + i)).isEqualTo(new Passwords.SignIn.Refused());
      }

      assertThat(accounts.passwords().signIn("nobody", "guess 5")).isEqualTo(new Passwords.SignIn.Throttled(Duration.ofMinutes(1)));
      assertThat(accounts.passwords().signIn("somebody-else", "guess")).as("per name").isEqualTo(new Passwords.SignIn.Refused());
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aHashWithFewerIterationsIsRedoneAtTheNextSignIn(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(START));
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE name = 'uk-desk'")) {
        ps.setString(1, PasswordHash.hash(PASSWORD, new SecureRandom(), 10_000));
        ps.executeUpdate();
      }

      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
      assertThat(storedHash(db, "uk-desk")).startsWith("pbkdf2-sha256:600000:");
      assertThat(accounts.passwords().signIn("uk-desk", PASSWORD)).isInstanceOf(Passwords.SignIn.Accepted.class);
    }
  }

  @Test
  void throttleDelayDoublesFromAMinuteUpToAnHour() {
    assertThat(Passwords.delay(4)).isZero();
    assertThat(Passwords.delay(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Passwords.delay(7)).isEqualTo(Duration.ofMinutes(4));
    assertThat(Passwords.delay(11)).isEqualTo(Duration.ofHours(1));
    assertThat(Passwords.delay(1_000)).isEqualTo(Duration.ofHours(1));
  }

  private static String storedHash(Database db, String name) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password_hash FROM accounts WHERE name = '" + name + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static long nanos(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
