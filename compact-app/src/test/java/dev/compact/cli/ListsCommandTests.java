package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ListsCommandTests {

  private static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  private static final String TASCA = "52327,\"TASCA\",\"vessel\",\"IRAN-EO13846\",-0- ,\"3E2647\",\"Crude Oil Tanker\",-0- ,-0- ,\"Panama\",-0- ,\"Vessel Registration Identification IMO 9313149; MMSI 352002494.\"\r\n";
  private static final String LOGAN = "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 28 Jul 1963; Passport P0017003 (Belize).\"\r\n";

  @TempDir Path dir;

  @Test
  void showsTheBundledListsWithCountsPerSchemaAndVersionHash() {
    Run run = run("show");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("OFAC SDN", "UN Security Council Consolidated List")
        .containsPattern("person\\s+4620")
        .containsPattern("vessel\\s+406")
        .containsPattern("aircraft\\s+277")
        .containsPattern("person\\s+730")
        .containsPattern("organization\\s+273")
        .containsPattern("version\\s+sha256:66b392a4090868d2[0-9a-f]{48}")
        .containsPattern("2 lists, 9979 entities, loaded in \\d+ ms");
  }

  @Test
  void showsAListFromADirectory() throws IOException {
    Path v1 = release("v1", CUBA + LOGAN);

    Run run = run("show", "--ofac", v1.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("person\\s+1").containsPattern("organization\\s+1")
        .contains("1 list, 2 entities");
  }

  @Test
  void diffsTwoReleasesPrintingCountsAndSamples() throws IOException {
    Path v1 = release("v1", CUBA + LOGAN);
    Path v2 = release("v2", LOGAN.replace("P0017003", "P0017004") + TASCA);

    Run run = run("diff", "--ofac", v1.toString(), v2.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("added 1, removed 1, changed 1")
        .contains("changed fields: identifiers 1\n")
        .containsPattern("52327\\s+vessel\\s+TASCA \\[IRAN-EO13846\\]")
        .containsPattern("36\\s+organization\\s+AEROCARIBBEAN AIRLINES")
        .contains("identifiers: -[PASSPORT P0017003 (BZ)] +[PASSPORT P0017004 (BZ)]");
  }

  @Test
  void diffsTheSharedOfacReleasesWhenPresent() {
    Path shared = sharedData();
    assumeTrue(shared != null, "../shared/data/sanctions is absent; test skipped");

    Run run = run("diff", "--sample", "2",
        "--ofac", shared.resolve("ofac_sdn_2019").toString(), shared.resolve("ofac_sdn_2021").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("added 1858, removed 261, changed \\d+");
    assertThat(run.err()).contains("10 rows of sdn_comments.csv refer to no entry");
  }

  @Test
  void refusesAMalformedFileWithFileAndLineAndNoStackTrace() throws IOException {
    Path bad = release("bad", CUBA + "173,\"ANGLO \"CARIBBEAN\" CO\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");

    Run run = run("show", "--ofac", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(bad.resolve("sdn.csv") + ":2: not valid CSV")
        .contains("nothing was loaded")
        .doesNotContain("Exception", "\tat ");
    assertThat(run.out()).doesNotContain("OFAC SDN");
  }

  @Test
  void showsListsOfEveryFormatTogether() {
    Path fixtures = repositoryRoot().resolve("compact-screening/src/test/resources/sanctions");

    Run run = run("show", "--eu", fixtures.resolve("eu/eu_fsf_sample.csv").toString(),
        "--uk", fixtures.resolve("uk/uk_conlist_sample.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("EU Financial Sanctions Files (FSF)", "UK Consolidated List of Financial Sanctions Targets")
        .containsPattern("vessel\\s+1")
        .contains("2 lists, 11 entities");
  }

  @Test
  void requiresExactlyOneKindOfListToDiff() {
    Run run = run("diff");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required argument");
  }

  /** What the command printed and returned, run in-process as {@code compact lists ARGS}. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    // The command is run on its own so that these tests do not depend on the registration line in CompactCli.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ListsCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void refusesMoreThanTwoVersions() throws IOException {
    Path v1 = release("v1", CUBA);

    Run run = run("diff", "--ofac", v1.toString(), v1.toString(), "--ofac", v1.toString(), v1.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("give exactly two versions of one list");
  }

  private Path release(String name, String sdn) throws IOException {
    Path release = Files.createDirectories(dir.resolve(name));
    Files.writeString(release.resolve("sdn.csv"), sdn);
    return release;
  }

  private static Path repositoryRoot() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("compact-screening/src/test/resources/sanctions"))) {
        return d;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  private static Path sharedData() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/data/sanctions/ofac_sdn_2019"))) {
        return d.resolve("shared/data/sanctions");
      }
    }
    return null;
  }
}
