package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityLinkCommandsTests {
  private static final String ISSUER = "https://login.example.org/realms/compact";

  @Test
  void linksListsAndUnlinksAnIdentity(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);

    CliRun linked = CliRun.of("users", "link", "uk-desk", "--issuer", ISSUER, "--subject", "248289761001", "--db", db);
    CliRun listed = CliRun.of("users", "list", "--db", db);
    CliRun again = CliRun.of("users", "link", "uk-desk", "--issuer", ISSUER, "--subject", "248289761001", "--db", db);
    CliRun unlinked = CliRun.of("users", "unlink", "uk-desk", "--issuer", ISSUER, "--subject", "248289761001", "--db", db);
    CliRun unlinkedAgain = CliRun.of("users", "unlink", "uk-desk", "--issuer", ISSUER, "--subject", "248289761001", "--db", db);

    assertThat(linked.exitCode()).as(linked.err()).isZero();
    assertThat(linked.out()).isEqualTo("identity 248289761001 of " + ISSUER + " now acts as uk-desk\n");
    assertThat(listed.out()).contains("  link  uk-desk          " + ISSUER + "  subject 248289761001");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("compact users: that identity is already linked to uk-desk; unlink it first\n");
    assertThat(unlinked.exitCode()).as(unlinked.err()).isZero();
    assertThat(unlinkedAgain.exitCode()).isEqualTo(1);
    assertThat(unlinkedAgain.err()).contains("is not linked to uk-desk");
    assertThat(CliRun.of("users", "list", "--db", db).out()).doesNotContain("subject 248289761001");
  }

  @Test
  void refusesUnknownAccountsAndIssuersThatAreNotHttpsUrls(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);

    CliRun unknown = CliRun.of("users", "link", "nobody", "--issuer", ISSUER, "--subject", "s", "--db", db);
    CliRun plainHttp = CliRun.of("users", "link", "uk-desk", "--issuer", "http://login.example.org", "--subject", "s", "--db", db);

    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("compact users: no account 'nobody'\n");
    assertThat(plainHttp.exitCode()).isEqualTo(1);
    assertThat(plainHttp.err()).contains("must be an https:// URL").doesNotContain("Exception");
  }

  @Test
  void serveRefusesAnIssuerWithoutAnAudienceInOneLine(@TempDir Path dir) {
    CliRun run = CliRun.of("serve", "--port", "0", "--db", dir.resolve("c.db").toString(), "--compact", CliRun.example("kyiv-compact"),
        "--plain-logs", "--oidc-issuer", ISSUER);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("compact serve: could not start: compact.oidc.issuer is set but compact.oidc.audience is not")
        .hasLineCount(1);
  }
}
