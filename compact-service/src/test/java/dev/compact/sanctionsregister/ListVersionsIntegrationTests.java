package dev.compact.sanctionsregister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Actor;
import dev.compact.access.Forbidden;
import dev.compact.access.Role;
import dev.compact.engine.Engine;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.service.InvalidInput;
import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ListVersionsIntegrationTests {
  static final Actor SECRETARIAT = new Actor("secretariat", Set.of(new Role.Secretariat()), false);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  static RecordService record(String kind) {
    return new RecordService(TestDatabases.fresh(kind), Engine.of(SharedLists.kyivCompact()), CLOCK);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void recordsAVersionOnceAndReadsItBackFromItsStoredFiles(String kind) throws Exception {
    try (RecordService record = record(kind)) {
      ListVersions versions = new ListVersions(record);
      ListVersions.Request request = new ListVersions.Request(ListFormat.OFAC, SharedLists.bundledOfac2021(),
          Optional.of(LocalDate.parse("2021-07-07")), false);

      ListVersions.Outcome first = versions.importVersion(request, SECRETARIAT, note -> {});
      long head = record.store().head().seq();
      ListVersions.Outcome again = versions.importVersion(request, SECRETARIAT, note -> {});

      assertThat(first).isInstanceOf(ListVersions.Outcome.Recorded.class);
      assertThat(again).isInstanceOf(ListVersions.Outcome.AlreadyRecorded.class);
      assertThat(again.version()).isEqualTo(first.version());
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(first.version().event().entities()).isEqualTo(8976);
      assertThat(first.version().event().files()).extracting(ListVersion.FileRef::name)
          .containsExactly("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv");
      // The event holds hashes, not entries: an 18,000-entry list stays a small payload in the log.
      assertThat(record.store().read(first.version().seq(), 1).getFirst().payload().length()).isLessThan(2_000);
      // Read back from the stored (compressed) files by a fresh instance, not from the parse cache.
      ListVersions fresh = new ListVersions(record);
      assertThat(fresh.list(fresh.versions(ListFormat.OFAC).getFirst()).versionHash()).isEqualTo(first.version().versionHash());
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTruncatedFileIsRefusedWithItsLineAndRecordsNothing(String kind) {
    try (RecordService record = record(kind)) {
      ListVersions versions = new ListVersions(record);
      versions.importVersion(new ListVersions.Request(ListFormat.OFAC, SharedLists.bundledOfac2021(), Optional.empty(), false),
          SECRETARIAT, note -> {});
      long head = record.store().head().seq();
      byte[] sdn = SharedLists.bundledOfac2021().getFirst().bytes();
      // Cut inside a quoted field, and cut at a line boundary (which parses, but drops most entries).
      byte[] midField = Arrays.copyOf(sdn, sdn.length / 2);
      String text = new String(sdn, StandardCharsets.ISO_8859_1);
      byte[] atLine = Arrays.copyOf(sdn, text.indexOf('\n', sdn.length / 3) + 1);

      assertThatThrownBy(() -> versions.importVersion(new ListVersions.Request(ListFormat.OFAC,
          List.of(new ListFile("sdn.csv", midField)), Optional.empty(), false), SECRETARIAT, note -> {}))
          .isInstanceOf(InvalidInput.class).hasMessageMatching("sdn\\.csv:\\d+: .*nothing was recorded");
      assertThatThrownBy(() -> versions.importVersion(new ListVersions.Request(ListFormat.OFAC,
          List.of(new ListFile("sdn.csv", atLine)), Optional.empty(), false), SECRETARIAT, note -> {}))
          .isInstanceOf(InvalidInput.class).hasMessageContaining("is the file cut short? Nothing was recorded");
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(versions.all()).hasSize(1);
      assertThat(count(record, "list_files")).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theVersionInForceAtADateIsTheLatestNotAfterIt(String kind) {
    try (RecordService record = record(kind)) {
      ListVersions versions = new ListVersions(record);
      ListVersion v2019 = versions.importVersion(new ListVersions.Request(ListFormat.OFAC, SharedLists.sharedOfac("ofac_sdn_2019"),
          Optional.of(LocalDate.parse("2019-01-15")), false), SECRETARIAT, note -> {}).version();
      ListVersion v2021 = versions.importVersion(new ListVersions.Request(ListFormat.OFAC, SharedLists.bundledOfac2021(),
          Optional.of(LocalDate.parse("2021-07-07")), false), SECRETARIAT, note -> {}).version();

      assertThat(versions.inForce(LocalDate.parse("2019-01-14"))).isEmpty();
      assertThat(versions.inForce(LocalDate.parse("2019-01-15"))).containsExactly(v2019);
      assertThat(versions.inForce(LocalDate.parse("2021-07-06"))).containsExactly(v2019);
      assertThat(versions.inForce(LocalDate.parse("2025-03-01"))).containsExactly(v2021);
      assertThat(v2021.event().previous()).isEqualTo(v2019.versionHash());
      assertThat(v2021.event().added()).isEqualTo(versions.diff(v2019, v2021).added().size()).isPositive();
      assertThat(v2021.event().removed()).isEqualTo(versions.diff(v2019, v2021).removed().size()).isPositive();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void onlyTheSecretariatRecordsVersions(String kind) {
    try (RecordService record = record(kind)) {
      ListVersions versions = new ListVersions(record);
      Actor desk = new Actor("uk-desk", Set.of(new Role.GuarantorDesk(new dev.compact.agreements.PartyCode("GBR"))), false);

      assertThatThrownBy(() -> versions.importVersion(new ListVersions.Request(ListFormat.OFAC, SharedLists.bundledOfac2021(),
          Optional.empty(), false), desk, note -> {})).isInstanceOf(Forbidden.class).hasMessageContaining("secretariat");
      assertThat(record.isEmpty()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStoredFileThatWasAlteredIsCaughtWhenRead(String kind) throws Exception {
    try (RecordService record = record(kind)) {
      ListVersions versions = new ListVersions(record);
      versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(SharedLists.bundledOfac2021().getFirst()),
          Optional.empty(), false), SECRETARIAT, note -> {});
      byte[] other = ListVersions.gzip("1,\"X\",\"individual\",\"SDGT\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n".getBytes(StandardCharsets.UTF_8));
      try (Connection c = record.database().dataSource().getConnection();
          var update = c.prepareStatement("UPDATE list_files SET gz = ?")) {
        update.setBytes(1, other);
        update.executeUpdate();
      }

      ListVersions fresh = new ListVersions(record);
      assertThatThrownBy(() -> fresh.list(fresh.all().getFirst())).hasMessageContaining("does not match the hash its event records");
    }
  }

  private static long count(RecordService record, String table) {
    try (Connection c = record.database().dataSource().getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
