package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands' messages and logs never repeat a database password or a private key: errors name
 * the database with its password replaced, and only {@code users token} prints a secret, once, on
 * purpose.
 */
class CliSecrecyTests {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void commandsThatCannotReachTheDatabaseNeverRepeatItsPassword(@TempDir Path dir) {
    String password = "pw-" + HexFormat.of().formatHex(bytes(12));
    // Nothing listens on port 1.
    String db = "postgresql://desk:" + password + "@127.0.0.1:1/compact";
    String jdbc = "jdbc:postgresql://127.0.0.1:1/compact?user=desk&password=" + password;

    Captured serve = run("serve", "--db", db, "--port", "0", "--compact", CliRun.example("kyiv-compact"));
    Captured verify = run("verify", "--db", db);
    Captured verifyJdbc = run("verify", "--db", jdbc);
    Captured users = run("users", "token", "uk-desk", "--db", db);
    Captured rebuild = run("rebuild", "--db", jdbc, "--compact", CliRun.example("kyiv-compact"));
    Captured unsupported = run("users", "list", "--db", "jdbc:mysql://desk:" + password + "@127.0.0.1:1/compact");

    assertThat(serve.cli().exitCode()).isEqualTo(1);
    assertThat(serve.cli().err()).startsWith("compact serve: could not start: ").contains("Connection refused");
    assertThat(verify.cli().err()).contains("cannot open postgresql://desk:****@127.0.0.1:1/compact");
    assertThat(verifyJdbc.cli().err()).contains("cannot open jdbc:postgresql://127.0.0.1:1/compact?user=desk&password=****");
    assertThat(unsupported.cli().err()).contains("unsupported database URL jdbc:mysql://desk:****@127.0.0.1:1/compact");
    for (Captured run : new Captured[] {serve, verify, verifyJdbc, users, rebuild, unsupported}) {
      assertThat(run.cli().exitCode()).isEqualTo(1);
      assertThat(run.everything()).doesNotContain(password);
    }
    assertThat(serve.logs()).as("the service logged why it did not start").contains("Application run failed");
  }

  @Test
  void keysAndSignaturesNeverPrintThePrivateKey(@TempDir Path dir) throws Exception {
    Captured generated = run("keys", "generate", "GBR", "--out", dir.toString());
    String privatePem = Files.readString(dir.resolve("GBR.key"));
    String keyPart = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").substring(24);
    // A damaged key file: the key part cut short by one character.
    Path damaged = dir.resolve("damaged.key");
    Files.writeString(damaged, privatePem.replace(keyPart.substring(0, 39), keyPart.substring(0, 38)));
    String agreement = CliRun.example("kyiv-compact/agreements/gbr-ukr-2024.md");

    Captured signed = run("sign", agreement, "--party", "GBR", "--key", dir.resolve("GBR.key").toString());
    Captured withPublic = run("sign", agreement, "--party", "GBR", "--key", dir.resolve("GBR.pub").toString());
    Captured withDamaged = run("sign", agreement, "--party", "GBR", "--key", damaged.toString());

    assertThat(generated.cli().out()).contains("GBR.key (private: keep it secret)");
    assertThat(signed.cli().exitCode()).as(signed.cli().err()).isZero();
    assertThat(withPublic.cli().exitCode()).isEqualTo(1);
    assertThat(withDamaged.cli().exitCode()).isEqualTo(1);
    assertThat(withDamaged.cli().err()).startsWith("compact sign: ");
    for (Captured run : new Captured[] {generated, signed, withPublic, withDamaged}) {
      assertThat(run.everything()).doesNotContain(keyPart).doesNotContain(keyPart.substring(0, 38));
    }
  }

  /** What a command printed, and what was logged to the console meanwhile. */
  record Captured(CliRun cli, String logs) {
    String everything() {
      return cli.out() + cli.err() + logs;
    }
  }

  /** Runs a command with the process's console captured too, where Spring Boot and the libraries log. */
  private static Captured run(String... args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      CliRun cli = CliRun.of(args);
      return new Captured(cli, console.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
