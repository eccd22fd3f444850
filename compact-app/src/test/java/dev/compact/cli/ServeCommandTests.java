package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
