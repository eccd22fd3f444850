package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Accounts;
import dev.compact.access.Passwords;
import dev.compact.store.Database;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTests {

  @Test
  void addsAnAccountIssuesATokenOnceAndRevokesIt(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();

    CliRun added = CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);
    CliRun token = CliRun.of("users", "token", "uk-desk", "--valid", "P30D", "--db", db);
    String id = token.err().replaceAll("(?s)^token (\\S+) .*", "$1");
    CliRun listed = CliRun.of("users", "list", "--db", db);
    CliRun revoked = CliRun.of("users", "revoke", id, "--db", db);
    CliRun again = CliRun.of("users", "revoke", id, "--db", db);

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(token.out()).containsPattern("cpt_[A-Za-z0-9_-]{43}");
    assertThat(listed.out()).contains("uk-desk", "guarantor:GBR", "token " + id).doesNotContain("cpt_");
    assertThat(revoked.exitCode()).isZero();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(CliRun.of("users", "list", "--db", db).out()).contains("revoked");
  }

  @Test
  void commandsOnAMistypedDatabaseAreRefusedAndCreateNothing(@TempDir Path dir) {
    Path typo = dir.resolve("compact-dta/compact.db");

    for (String[] args : java.util.List.of(new String[] {"users", "list"}, new String[] {"users", "token", "uk-desk"},
        new String[] {"users", "disable", "uk-desk"}, new String[] {"webhooks", "list"}, new String[] {"webhooks", "resend", "--all-failed"})) {
      String[] withDb = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--db", typo.toString()))
          .toArray(String[]::new);
      CliRun run = CliRun.of(withDb);

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).contains("no database at " + typo).doesNotContain("Exception");
      assertThat(run.out()).isEmpty();
    }
    assertThat(typo.getParent()).doesNotExist();
    assertThat(CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", typo.toString()).exitCode())
        .as("the first account makes the record").isZero();
    assertThat(CliRun.of("users", "list", "--db", typo.toString()).out()).contains("uk-desk");
  }

  @Test
  void theComplianceRoleIsNamedInTheHelpAndInTheErrorForAnUnknownRole(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();

    CliRun help = CliRun.of("users", "add", "--help");
    CliRun misspelt = CliRun.of("users", "add", "bank-desk", "--role", "complience", "--db", db);
    CliRun added = CliRun.of("users", "add", "bank-desk", "--role", "compliance", "--db", db);

    assertThat(help.out()).contains("compliance");
    assertThat(misspelt.exitCode()).isEqualTo(1);
    assertThat(misspelt.err()).contains("unknown role 'complience'", "compliance");
    assertThat(added.exitCode()).as(added.err()).isZero();
  }

  @Test
  void revokesATokenGivenWholeWithoutPrintingItBack(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);
    String token = CliRun.of("users", "token", "uk-desk", "--db", db).out().replaceAll("(?s).*(cpt_[A-Za-z0-9_-]{43}).*", "$1");

    CliRun revoked = CliRun.of("users", "revoke", token, "--db", db);
    CliRun again = CliRun.of("users", "revoke", token, "--db", db);

    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(revoked.out() + revoked.err() + again.out() + again.err()).contains("that token").doesNotContain(token, token.substring(4, 20));
    assertThat(CliRun.of("users", "list", "--db", db).out()).contains("revoked");
  }

  @Test
  void setsAPasswordFromStandardInputAndRefusesAShortOne(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);

    CliRun tooShort = withStdin("short one\n", () -> CliRun.of("users", "password", "uk-desk", "--password-stdin", "--db", db));
    CliRun set = withStdin("kyiv compact desk 2026\n", () -> CliRun.of("users", "password", "uk-desk", "--password-stdin", "--db", db));
    CliRun twoLines = withStdin("first line\nsecond line\n", () -> CliRun.of("users", "password", "uk-desk", "--password-stdin", "--db", db));

    assertThat(tooShort.exitCode()).isEqualTo(1);
    assertThat(tooShort.err()).contains("at least 12 characters, this one has 9").doesNotContain("Exception");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("password set for uk-desk").doesNotContain("kyiv compact");
    assertThat(twoLines.exitCode()).isEqualTo(1);
    assertThat(twoLines.err()).contains("more than one line");
    assertThat(CliRun.of("users", "list", "--db", db).out()).contains("uk-desk", "(password)").doesNotContain("kyiv compact");
    try (Database database = Database.open(db)) {
      Accounts accounts = new Accounts(database, Clock.systemUTC());
      assertThat(accounts.passwords().signIn("uk-desk", "kyiv compact desk 2026")).isInstanceOf(Passwords.SignIn.Accepted.class);
    }
  }

  @Test
  void passwordIsNeverTakenFromTheCommandLine(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);

    CliRun run = CliRun.of("users", "password", "uk-desk", "kyiv compact desk 2026", "--db", db);

    assertThat(run.exitCode()).isNotZero();
    assertThat(CliRun.of("users", "list", "--db", db).out()).doesNotContain("(password)");
  }

  @Test
  void disablingAnAccountStopsItsTokensUntilItIsEnabled(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);
    String token = CliRun.of("users", "token", "uk-desk", "--db", db).out().strip();

    CliRun disabled = CliRun.of("users", "disable", "uk-desk", "--db", db);
    CliRun listed = CliRun.of("users", "list", "--db", db);
    boolean worksWhileDisabled = authenticates(db, token);
    CliRun enabled = CliRun.of("users", "enable", "uk-desk", "--db", db);

    assertThat(disabled.exitCode()).as(disabled.err()).isZero();
    assertThat(disabled.out()).contains("account uk-desk disabled");
    assertThat(listed.out()).contains("(disabled since ");
    assertThat(worksWhileDisabled).isFalse();
    assertThat(enabled.exitCode()).isZero();
    assertThat(authenticates(db, token)).isTrue();
    CliRun unknown = CliRun.of("users", "disable", "nobody", "--db", db);
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no account 'nobody'");
  }

  private static boolean authenticates(String db, String token) {
    try (Database database = Database.open(db)) {
      return new Accounts(database, Clock.systemUTC()).authenticate(token).isPresent();
    }
  }

  private static CliRun withStdin(String text, java.util.function.Supplier<CliRun> run) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void unknownRoleIsAClearError(@TempDir Path dir) {
    CliRun run = CliRun.of("users", "add", "x", "--role", "admin", "--db", dir.resolve("c.db").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown role 'admin'").doesNotContain("Exception");
  }

  /** A refused account name and role came back whole, control characters and all (review5 L7): cut short and escaped now. */
  @Test
  void aRefusedNameOrRoleIsRepeatedCutShortAndEscaped(@TempDir Path dir) {
    String hostile = "x\u001b[2J\u202e" + "y".repeat(5000);
    String db = dir.resolve("c.db").toString();

    CliRun name = CliRun.of("users", "add", hostile, "--role", "observer", "--db", db);
    CliRun role = CliRun.of("users", "add", "x", "--role", hostile, "--db", db);

    assertThat(name.exitCode()).isEqualTo(1);
    assertThat(name.err()).contains("not 'x\\u001B[2J\\u202Eyyy", "... (5006 characters)").doesNotContain("\u001b", "\u202e", "y".repeat(100));
    assertThat(role.exitCode()).isEqualTo(1);
    assertThat(role.err()).contains("unknown role 'x\\u001B[2J\\u202Eyyy", "... (5006 characters)").doesNotContain("\u001b", "\u202e",
        "y".repeat(100));
  }
}
