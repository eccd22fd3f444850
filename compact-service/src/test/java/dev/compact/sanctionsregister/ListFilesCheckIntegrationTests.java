package dev.compact.sanctionsregister;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.service.RecordService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue #15: verify carries the log's word over to the stored list files, naming the version and file that fail. */
class ListFilesCheckIntegrationTests {
  private static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  private static final String LOGAN = "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "\"DOB 28 Jul 1963; Passport P0017003 (Belize).\"\r\n";
  private static final String ALIAS = "10278,1,\"a.k.a.\",\"MOREY, Elvis\",-0- \r\n";

  static java.util.stream.Stream<String> kinds() {
    return ListVersionsIntegrationTests.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anIntactRecordPassesAndATamperedOrMissingFileIsNamedWithItsVersion(String kind) throws Exception {
    try (RecordService record = ListVersionsIntegrationTests.record(kind)) {
      ListVersions versions = new ListVersions(record);
      ListVersion older = importOfac(versions, LOGAN, ALIAS, "2019-01-15");
      ListVersion newer = importOfac(versions, CUBA + LOGAN, ALIAS, "2021-07-07");

      ListFilesCheck.Result intact = ListFilesCheck.check(record.database());
      // alt.csv is the same bytes in both versions: stored once, referenced twice.
      assertThat(intact.intact()).isTrue();
      assertThat(intact.versions()).isEqualTo(2);
      assertThat(intact.files()).isEqualTo(4);
      assertThat(report(intact)).contains("4 list files of 2 list versions match the hashes their events record");

      String newerSdn = newer.event().files().getFirst().sha256();
      String sharedAlt = older.event().files().get(1).sha256();
      try (Connection c = record.database().dataSource().getConnection()) {
        // Another list's bytes under the newer sdn.csv's hash, and the shared alt.csv deleted.
        try (PreparedStatement update = c.prepareStatement("UPDATE list_files SET gz = ? WHERE sha256 = ?")) {
          update.setBytes(1, ListVersions.gzip((CUBA + CUBA).getBytes(StandardCharsets.UTF_8)));
          update.setString(2, newerSdn);
          assertThat(update.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM list_files WHERE sha256 = ?")) {
          delete.setString(1, sharedAlt);
          assertThat(delete.executeUpdate()).isEqualTo(1);
        }
      }

      ListFilesCheck.Result tampered = ListFilesCheck.check(record.database());

      assertThat(tampered.intact()).isFalse();
      assertThat(tampered.problems()).extracting(ListFilesCheck.Problem::toString).containsExactly(
          "list version ofac " + older.shortHash() + " (event " + older.seq() + "): alt.csv (sha256 " + sharedAlt + ") is missing from list_files",
          "list version ofac " + newer.shortHash() + " (event " + newer.seq() + "): sdn.csv (sha256 " + newerSdn + ") does not match the hash"
              + " its event records: the stored bytes hash to " + new ListFile("x", (CUBA + CUBA).getBytes(StandardCharsets.UTF_8)).sha256(),
          "list version ofac " + newer.shortHash() + " (event " + newer.seq() + "): alt.csv (sha256 " + sharedAlt + ") is missing from list_files");
      assertThat(report(tampered)).contains("3 of 4 list files of 2 list versions are missing or altered");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRowThatIsNotGzipIsReportedAsAltered(String kind) throws Exception {
    try (RecordService record = ListVersionsIntegrationTests.record(kind)) {
      ListVersion version = importOfac(new ListVersions(record), LOGAN, ALIAS, "2019-01-15");
      try (Connection c = record.database().dataSource().getConnection();
          PreparedStatement update = c.prepareStatement("UPDATE list_files SET gz = ? WHERE sha256 = ?")) {
        update.setBytes(1, "not gzip".getBytes(StandardCharsets.UTF_8));
        update.setString(2, version.event().files().getFirst().sha256());
        update.executeUpdate();
      }

      assertThat(ListFilesCheck.check(record.database()).problems()).singleElement().asString()
          .contains("(event " + version.seq() + "): sdn.csv", "cannot be decompressed", "the stored row was altered");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRowCutShortIsReportedWithWhyNotAsNull(String kind) throws Exception {
    try (RecordService record = ListVersionsIntegrationTests.record(kind)) {
      ListVersion version = importOfac(new ListVersions(record), LOGAN, ALIAS, "2019-01-15");
      String sha256 = version.event().files().getFirst().sha256();
      try (Connection c = record.database().dataSource().getConnection();
          PreparedStatement select = c.prepareStatement("SELECT gz FROM list_files WHERE sha256 = ?");
          PreparedStatement update = c.prepareStatement("UPDATE list_files SET gz = ? WHERE sha256 = ?")) {
        select.setString(1, sha256);
        byte[] gz;
        try (java.sql.ResultSet rs = select.executeQuery()) {
          assertThat(rs.next()).isTrue();
          gz = rs.getBytes(1);
        }
        update.setBytes(1, java.util.Arrays.copyOf(gz, gz.length - 4) /* into its trailer */);
        update.setString(2, sha256);
        update.executeUpdate();
      }

      assertThat(ListFilesCheck.check(record.database()).problems()).singleElement().asString()
          .contains("(event " + version.seq() + "): sdn.csv", "cannot be decompressed (it ends before its compressed data does)")
          .doesNotContain("null");
    }
  }

  private static ListVersion importOfac(ListVersions versions, String sdn, String alt, String inForce) {
    return versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(new ListFile("sdn.csv", sdn.getBytes(StandardCharsets.UTF_8)),
        new ListFile("alt.csv", alt.getBytes(StandardCharsets.UTF_8))), Optional.of(LocalDate.parse(inForce)), true),
        ListVersionsIntegrationTests.SECRETARIAT, note -> {}).version();
  }

  private static String report(ListFilesCheck.Result result) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    result.report(writer, writer);
    return text.toString();
  }
}
