package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #15: {@code compact verify} checks every list version's stored files against the hashes in its event. */
class VerifyListFilesTests {
  private static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

  @Test
  void aDeletedListFileFailsVerifyNamingItsVersionAndFile(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    Path release = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(release.resolve("sdn.csv"), CUBA);
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--in-force-from", "2019-01-15", "--db", db,
        "--compact", CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    CliRun intact = CliRun.of("verify", "--db", db);
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("1 list file of 1 list version match the hashes their events record");

    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM list_files");
    }
    CliRun missing = CliRun.of("verify", "--db", db);

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).containsPattern("list version ofac [0-9a-f]{12} \\(event 2\\): sdn\\.csv \\(sha256 [0-9a-f]{64}\\) is missing"
        + " from list_files").contains("1 of 1 list files of 1 list versions are missing or altered");
    // The chain itself is intact and still said so: the files are beside the log, not in it.
    assertThat(missing.out()).contains("events verified: the chain is intact");
  }
}
