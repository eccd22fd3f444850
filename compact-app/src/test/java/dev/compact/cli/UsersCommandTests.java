package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTests {

  @Test
  void addsAnAccountIssuesATokenOnceAndRevokesIt(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();

    CliRun added = CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);
    CliRun token = CliRun.of("users", "token", "uk-desk", "--valid", "P30D", "--db", db);
    String id = token.out().replaceAll("(?s)^token (\\S+) .*", "$1");
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
  void unknownRoleIsAClearError(@TempDir Path dir) {
    CliRun run = CliRun.of("users", "add", "x", "--role", "admin", "--db", dir.resolve("c.db").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown role 'admin'").doesNotContain("Exception");
  }
}
