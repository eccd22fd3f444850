package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.KeyFiles;
import dev.compact.transparency.NoteKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTests {

  @Test
  void passesServicePropertiesThrough(@TempDir Path dir) {
    // The property reaches the service, which refuses an issuer without an audience before it opens anything.
    CliRun run = CliRun.of("serve", "--port", "0", "--db", dir.resolve("c.db").toString(), "--compact", CliRun.example("kyiv-compact"),
        "--plain-logs", "--compact.oidc.issuer=https://login.example.org");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("compact serve: could not start: compact.oidc.issuer is set but compact.oidc.audience is not");
  }

  @Test
  void refusesWhatIsNotAPropertyWithoutEchoingItsValue(@TempDir Path dir) {
    CliRun run = CliRun.of("serve", "--port", "0", "--db", dir.resolve("c.db").toString(), "--tick=secret-value");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("compact serve: '--tick=...' is not a property; write --compact.NAME=VALUE (see docs/service.md)\n");
  }

  @Test
  void refusesToStartWhenTheLogKeyIsMissingOrDidNotSignTheStoredCheckpoints(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    Path key = dir.resolve("keys/log.key");
    String[] properties = {"--compact.log.key=" + key, "--compact.log.origin=log.test.example/serve", "--compact.tick-interval=PT1H"};
    try (var context = ServiceApplication.start(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + CliRun.example("kyiv-compact")), java.util.Arrays.stream(properties)).toArray(String[]::new))) {
      assertThat(key).exists();
    }
    Path kept = dir.resolve("log.key.kept");
    Files.move(key, kept);

    // The key file is gone (a fresh machine, a restored backup without it): no new key is made.
    CliRun missing = serve(dir, properties);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("compact serve: could not start: there is no log key at " + key)
        .contains("holds checkpoints signed by one (size ", "signed by log.test.example/serve with key ID").doesNotContain("\tat ", "Exception");
    assertThat(key).doesNotExist();

    // Another key of the same name in its place: refused too.
    KeyFiles.create(key, "log.test.example/serve", NoteKey.ED25519);
    CliRun other = serve(dir, properties);
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).startsWith("compact serve: could not start: compact.log.key " + key + ": the log's key")
        .contains("did not sign the latest checkpoint the database holds").doesNotContain("\tat ", "Exception");

    // The key restored: it starts.
    Files.delete(key);
    Files.move(kept, key);
    try (var context = ServiceApplication.start(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + CliRun.example("kyiv-compact")), java.util.Arrays.stream(properties)).toArray(String[]::new))) {
      assertThat(context.isRunning()).isTrue();
    }
  }

  /**
   * A record holding an event of a type this version does not know (a newer version wrote it; its chain is intact)
   * stopped {@code serve} with some 160 lines of stack trace and a message naming no event. It is one paragraph:
   * which event, why, what to do; exit 1.
   */
  @Test
  void refusesToStartOverAnEventItCannotReadInAFewLinesNamingIt(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (dev.compact.store.Database database = dev.compact.store.Database.open(db)) {
      new dev.compact.store.EventStore(database, java.time.Clock.systemUTC(), java.util.List.of()).append("quorum-q1", 0, java.util.List.of(
          new dev.compact.store.NewEvent("quorum-reached", "{\"by\":\"EU\"}", java.time.Instant.parse("2026-03-01T00:00:00Z"), "a newer version")),
          java.util.Optional.empty());
    }

    CliRun run = CliRun.in(dir, "serve", "--port", "0", "--db", db, "--compact", CliRun.example("kyiv-compact"), "--plain-logs");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("compact serve: could not start: the record holds an event this service cannot read: event 1 (stream"
        + " quorum-q1, quorum-reached, recorded ", "unknown event type 'quorum-reached'");
    assertThat(run.out() + run.err()).contains("APPLICATION FAILED TO START", "compact verify --db").doesNotContain("\tat ");
  }

  static CliRun serve(Path dir, String... properties) {
    return CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("serve", "--port", "0", "--db", dir.resolve("c.db").toString(),
        "--compact", CliRun.example("kyiv-compact"), "--plain-logs"), java.util.Arrays.stream(properties)).toArray(String[]::new));
  }
}
