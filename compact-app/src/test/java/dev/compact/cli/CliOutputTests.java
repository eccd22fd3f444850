package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compact command prints on standard output when run as its own process, as a pipe reads
 * it: the command's output alone, with nothing the libraries log (the connection pool, the
 * migrations) mixed in.
 */
class CliOutputTests {

  private record Ran(int exitCode, String out, String err) {}

  private static Ran compact(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), CompactCli.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void commandsThatOpenTheDatabasePrintOnlyTheirOwnOutput(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();

    Ran added = compact("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db);
    Ran token = compact("users", "token", "uk-desk", "--db", db);
    Ran listed = compact("users", "list", "--db", db);

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).isEqualTo("account uk-desk created with roles guarantor:GBR\n");
    assertThat(token.exitCode()).as(token.err()).isZero();
    // The token alone, fit for TOKEN=$(compact users token ...); before, two lines of prose around it came along.
    assertThat(token.out()).matches("cpt_[A-Za-z0-9_-]{43}\n");
    assertThat(token.err()).contains("for uk-desk, valid until", "shown once; store it now").doesNotContain("cpt_");
    assertThat(listed.out().lines().toList()).first().asString().startsWith("uk-desk");
    for (Ran ran : List.of(added, token, listed)) {
      assertThat(ran.out()).doesNotContain("INFO", "Hikari", "Flyway", "flywaydb");
      assertThat(ran.err()).as("libraries' INFO lines are not shown").doesNotContain("INFO");
    }
  }
}
