package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Compact;
import dev.compact.engine.Engine;
import dev.compact.service.RecordService;
import dev.compact.service.Registrations;
import dev.compact.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTests {

  /** Before, a file where the key folder should be was an "internal error" (exit code 2) naming a JDK exception. */
  @Test
  void aFileWhereTheKeyFolderShouldBeIsRefusedInOneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), "not a folder");

    CliRun run = CliRun.of("keys", "generate", "GBR", "--out", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("compact keys: cannot write the key files in " + file + ": a file is in the way: " + file
        + System.lineSeparator());
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void generatedKeySignsAndVerifyChecksEverySignatureOnTheChain(@TempDir Path dir) throws Exception {
    assertThat(CliRun.of("keys", "generate", "GBR", "--out", dir.toString()).exitCode()).isZero();
    assertThat(CliRun.of("keys", "generate", "DEU", "--out", dir.toString()).exitCode()).isZero();
    assertThat(CliRun.of("keys", "generate", "GBR", "--out", dir.toString()).exitCode()).as("never overwrites a key").isEqualTo(1);
    if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("GBR.key")))
          .as("only the owner may read a private key").isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    String agreement = CliRun.example("kyiv-compact/agreements/gbr-ukr-2024.md");
    CliRun signed = CliRun.of("sign", agreement, "--party", "GBR", "--key", dir.resolve("GBR.key").toString());
    CliRun forged = CliRun.of("sign", agreement, "--party", "GBR", "--key", dir.resolve("DEU.key").toString());
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    String hash = signed.out().replaceAll("(?s).*\"versionHash\": \"([0-9a-f]{64})\".*", "$1");
    String good = signed.out().replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
    String bad = forged.out().replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");

    String db = dir.resolve("c.db").toString();
    Compact compact = Sources.compact(Path.of(CliRun.example("kyiv-compact")), new java.io.PrintWriter(System.err)).orElseThrow();
    try (RecordService record = new RecordService(Database.open(db), Engine.of(compact), Clock.systemUTC())) {
      record.registrations().recordOnly("party-key-GBR", Registrations.KEY_REGISTERED,
          new Registrations.KeyRegistered("GBR", Files.readString(dir.resolve("GBR.pub"))), Optional.empty(), "test");
      record.registrations().recordOnly("signatures-gbr-ukr-2024", Registrations.AGREEMENT_SIGNED,
          new Registrations.AgreementSigned("gbr-ukr-2024", hash, "GBR", good), Optional.empty(), "test");
    }
    CliRun intact = CliRun.of("verify", "--db", db);
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("1 of 1 signature verified");

    // Signatures written past the API's check are caught by verify: one made with Germany's key in
    // the United Kingdom's name, and a real UK signature claimed for another version.
    String other = "0".repeat(64);
    try (RecordService record = new RecordService(Database.open(db), Engine.of(compact), Clock.systemUTC())) {
      record.registrations().recordOnly("signatures-gbr-ukr-2024", Registrations.AGREEMENT_SIGNED,
          new Registrations.AgreementSigned("gbr-ukr-2024", other, "GBR", good), Optional.empty(), "test");
      record.registrations().recordOnly("signatures-deu-ukr-2024", Registrations.AGREEMENT_SIGNED,
          new Registrations.AgreementSigned("deu-ukr-2024", hash, "GBR", bad), Optional.empty(), "test");
    }
    CliRun caught = CliRun.of("verify", "--db", db);
    assertThat(caught.exitCode()).isEqualTo(1);
    // Event 1 is the texts the record was created with; the key and the good signature follow.
    assertThat(caught.err()).contains("event 4: the signature of GBR over gbr-ukr-2024 version " + other + " does not verify",
        "event 5: the signature of GBR over deu-ukr-2024");
    assertThat(caught.out()).contains("1 of 3 signatures verified");

    // Audit round 2, finding 10: the read models the pages show are compared with the log on request.
    CliRun readModels = CliRun.of("verify", "--db", db, "--read-models", "--compact", CliRun.example("kyiv-compact"));
    assertThat(readModels.out()).contains("the read models match the log: 4 rows recomputed from 5 events");
    try (Database database = Database.open(db); java.sql.Connection c = database.dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE party_keys SET public_key = 'forged' WHERE party = 'GBR'");
      s.executeUpdate("DELETE FROM signatures WHERE store_seq = 5");
    }
    CliRun forgedRows = CliRun.of("verify", "--db", db, "--read-models", "--compact", CliRun.example("kyiv-compact"));
    assertThat(forgedRows.exitCode()).isEqualTo(1);
    assertThat(forgedRows.err()).contains("the read models differ from what the log gives (2 rows of 3):",
        "  party_keys party=GBR: public_key is 'forged' in the database, the log gives '",
        "  signatures store_seq=5: the log gives this row, the database does not have it");
  }
}
