package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountsIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tokenAuthenticatesUntilItExpiresOrIsRevoked(String kind) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, clock);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      Accounts.Issued first = accounts.issue("uk-desk", Duration.ofDays(30));
      Accounts.Issued second = accounts.issue("uk-desk", Duration.ofDays(30));

      assertThat(accounts.authenticate(first.token())).hasValueSatisfying(a -> {
        assertThat(a.name()).isEqualTo("uk-desk");
        assertThat(a.roles()).isEqualTo(Set.of(new Role.GuarantorDesk(new PartyCode("GBR"))));
      });
      assertThat(accounts.authenticate(first.token() + "x")).isEmpty();
      assertThat(accounts.authenticate("cpt_guess")).isEmpty();

      // An id is safe to show and to type: none of the token's characters, never a leading '-'.
      for (Accounts.Issued issued : List.of(first, second)) {
        assertThat(issued.id()).matches("t[0-9a-f]{12}");
        assertThat(issued.token()).doesNotContain(issued.id().substring(1, 7));
      }
      assertThat(accounts.revoke(first.id())).isTrue();
      assertThat(accounts.authenticate(first.token())).isEmpty();
      assertThat(accounts.authenticate(second.token())).isPresent();
      // A whole token revokes itself too, and an unknown one revokes nothing.
      assertThat(accounts.revoke("cpt_" + "x".repeat(43))).isFalse();
      assertThat(accounts.authenticate(second.token())).isPresent();

      clock.advance(Duration.ofDays(30));
      assertThat(accounts.authenticate(second.token())).as("expired at the instant it ends").isEmpty();

      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT token_hash FROM api_tokens")) {
        while (rs.next()) {
          assertThat(rs.getString(1)).as("only hashes are stored").doesNotContain(first.token().substring(4)).hasSize(64);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void badAccountsAreRefusedWithAReason(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, new TestClock(Instant.parse("2026-03-01T00:00:00Z")));
      accounts.add("secretariat", List.of("secretariat"));

      assertThatThrownBy(() -> accounts.add("secretariat", List.of("observer"))).hasMessageContaining("already exists");
      assertThatThrownBy(() -> accounts.add("x", List.of("guarantor:XX"))).hasMessageContaining("unknown role 'guarantor:XX'");
      assertThatThrownBy(() -> accounts.add("Bad Name", List.of("observer"))).hasMessageContaining("account names");
      assertThatThrownBy(() -> accounts.issue("nobody", Duration.ofDays(1))).hasMessageContaining("no account 'nobody'");
    }
  }
}
