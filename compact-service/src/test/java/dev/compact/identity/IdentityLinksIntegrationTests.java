package dev.compact.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Accounts;
import dev.compact.service.TestClock;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityLinksIntegrationTests {
  private static final String ISSUER = "https://login.example.org/realms/compact";

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anIdentityActsAsItsLinkedAccountOnlyForItsOwnIssuer(String kind) {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, clock);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.add("de-desk", List.of("guarantor:DEU"));
      IdentityLinks links = new IdentityLinks(db, accounts, clock);
      links.link("uk-desk", ISSUER, "248289761001");
      links.link("de-desk", ISSUER, "90342.ASDFJWFA");

      assertThat(links.account(ISSUER, "248289761001")).map(Accounts.Account::name).hasValue("uk-desk");
      assertThat(links.account(ISSUER, "90342.ASDFJWFA")).map(Accounts.Account::name).hasValue("de-desk");
      assertThat(links.account("https://other.example.org", "248289761001")).as("the same subject at another issuer").isEmpty();
      assertThat(links.account(ISSUER, "248289761002")).isEmpty();
      assertThat(links.links()).containsExactly(
          new IdentityLinks.Link(ISSUER, "90342.ASDFJWFA", "de-desk", clock.instant()),
          new IdentityLinks.Link(ISSUER, "248289761001", "uk-desk", clock.instant()));

      accounts.disable("de-desk");
      assertThat(links.account(ISSUER, "90342.ASDFJWFA")).as("a disabled account's identity").isEmpty();
      accounts.enable("de-desk");
      assertThat(links.account(ISSUER, "90342.ASDFJWFA")).isPresent();

      assertThat(links.unlink("de-desk", ISSUER, "248289761001")).as("not de-desk's identity").isFalse();
      assertThat(links.unlink("uk-desk", ISSUER, "248289761001")).isTrue();
      assertThat(links.account(ISSUER, "248289761001")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void badLinksAreRefusedWithAReason(String kind) {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Database db = TestDatabases.fresh(kind)) {
      Accounts accounts = new Accounts(db, clock);
      accounts.add("uk-desk", List.of("guarantor:GBR"));
      accounts.add("de-desk", List.of("guarantor:DEU"));
      IdentityLinks links = new IdentityLinks(db, accounts, clock);
      links.link("uk-desk", ISSUER, "248289761001");

      assertThatThrownBy(() -> links.link("de-desk", ISSUER, "248289761001")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("that identity is already linked to uk-desk; unlink it first");
      assertThatThrownBy(() -> links.link("nobody", ISSUER, "x")).hasMessage("no account 'nobody'");
      assertThatThrownBy(() -> links.link("uk-desk", "login.example.org", "x")).hasMessageContaining("must be an https:// URL");
      assertThatThrownBy(() -> links.link("uk-desk", ISSUER, " ")).hasMessageStartingWith("the subject is");
      assertThatThrownBy(() -> links.link("uk-desk", ISSUER, "a\nb")).hasMessageStartingWith("the subject is");
      assertThatThrownBy(() -> links.link("uk-desk", ISSUER, "x".repeat(501))).hasMessageStartingWith("the subject is");
      assertThat(links.links()).hasSize(1);
    }
  }
}
