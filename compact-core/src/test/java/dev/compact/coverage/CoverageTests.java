package dev.compact.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.PartyCode;
import dev.compact.sources.CompactFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageTests {
  static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples folder");
  }

  static Compact load(Path folder) {
    return CompactParser.parse(CompactFolder.read(folder)).value().orElseThrow();
  }

  static final CoverageMatrix KYIV = Coverage.of(load(examples().resolve("kyiv-compact")));

  static CoverageMatrix.Row row(CoverageMatrix matrix, String party) {
    return matrix.rows().stream().filter(r -> r.party().value().equals(party)).findFirst().orElseThrow();
  }

  @Test
  void rowsAreTheGuarantorsInTheCompactsOrderThenTheProtectedState() {
    assertThat(KYIV.rows()).extracting(r -> r.party().value()).startsWith("USA", "GBR").endsWith("EU", "UKR");
    assertThat(row(KYIV, "UKR").tier()).isEqualTo("protected");
    assertThat(row(KYIV, "JPN").tier()).isEqualTo("broader");
  }

  @Test
  void japansTwentyFourHourClockIsAHardDeadlineFromItsOwnAccord() {
    List<CoverageEntry> consultations = row(KYIV, "JPN").cell(Mechanism.CONSULTATIONS);

    assertThat(consultations).filteredOn(e -> e.agreement().equals("jpn-ukr-2024")).singleElement()
        .satisfies(e -> {
          assertThat(e.brief()).isEqualTo("24h");
          assertThat(e.firmness()).startsWith("hard deadline");
          assertThat(e.status()).isEqualTo(SourceStatus.VERIFIED);
          assertThat(e.signed()).isTrue();
        });
  }

  /**
   * Audit round 5, C16: the Kyiv Compact's clauses read "politically binding" beside "published as recommendations,
   * not signed", and the German ministry's announced package "politically binding" at stage "draft".
   */
  @Test
  void textsNeverSignedBindNoOneAndAnAnnouncementIsNoDraft() {
    CoverageEntry lock = row(KYIV, "GBR").cell(Mechanism.SANCTIONS).stream().filter(e -> e.clause().equals("kyiv-sanctions-lock"))
        .findFirst().orElseThrow();
    List<CoverageEntry> announced = row(KYIV, "DEU").cell(Mechanism.MILITARY).stream()
        .filter(e -> e.agreement().equals("deu-package-2024-02")).toList();
    CoverageEntry signed = row(KYIV, "DEU").cell(Mechanism.MILITARY).stream().filter(e -> e.clause().equals("deu-mil-2024"))
        .findFirst().orElseThrow();

    assertThat(lock.firmness()).endsWith("binds no one (published as recommendations on 2022-09-13, not signed)")
        .doesNotContain("politically binding");
    assertThat(announced).isNotEmpty().allSatisfy(e -> {
      assertThat(e.firmness()).endsWith("binds no one (an announcement, never signed)").doesNotContain("politically binding");
      assertThat(e.stage()).isEqualTo("announced, not signed");
    });
    assertThat(signed.firmness()).endsWith("politically binding");
  }

  @Test
  void theUsMeetingIsABestEffortThatAThreatAlsoSetsOff() {
    CoverageEntry us = row(KYIV, "USA").cell(Mechanism.CONSULTATIONS).stream().filter(e -> e.agreement().equals("usa-ukr-2024"))
        .findFirst().orElseThrow();

    assertThat(us.brief()).isEqualTo("24h~ +threat");
    assertThat(us.firmness()).contains("best effort").contains("legally binding");
    assertThat(row(KYIV, "USA").cell(Mechanism.TERM)).extracting(CoverageEntry::brief).contains("may end (P6M)", "10y + P6M notice");
  }

  @Test
  void pledgesCarryTheirAmountBoundAndConditions() {
    assertThat(row(KYIV, "FRA").cell(Mechanism.MILITARY)).extracting(CoverageEntry::brief).containsExactly("\u2264EUR 3bn 2024");
    assertThat(row(KYIV, "DEU").cell(Mechanism.MILITARY)).anySatisfy(e -> {
      assertThat(e.brief()).isEqualTo("EUR 7.1bn 2024");
      assertThat(e.firmness()).contains("subject to parliamentary approval");
    });
    assertThat(row(KYIV, "DNK").cell(Mechanism.FINANCIAL)).extracting(CoverageEntry::brief).containsExactly("EUR 8.5bn 2023-28");
  }

  @Test
  void theCompactsClocksAreMarkedAsFromATextNeverSignedAndGapsAreEmptyCells() {
    CoverageMatrix.Row australia = row(KYIV, "AUS");

    assertThat(australia.cell(Mechanism.CONSULTATIONS)).singleElement().satisfies(e -> {
      assertThat(e.agreement()).isEqualTo("kyiv-compact");
      assertThat(e.signed()).isFalse();
      assertThat(e.stage()).contains("recommendations");
    });
    assertThat(CoverageText.cell(australia.cell(Mechanism.CONSULTATIONS))).isEqualTo("24h?\u00b0");
    assertThat(australia.cell(Mechanism.MILITARY)).isEmpty();
    assertThat(CoverageText.cell(australia.cell(Mechanism.MILITARY))).isEqualTo(CoverageText.GAP);
    assertThat(KYIV.gaps()).isPositive();
  }

  @Test
  void unverifiedClausesAreListedWithWhatWasFound() {
    assertThat(KYIV.unverified()).extracting(e -> e.getValue().reference()).contains("can-ukr-2024/can-consult", "kyiv-compact/kyiv-convene");
    assertThat(KYIV.unverified()).allSatisfy(e -> assertThat(e.getValue().source()).startsWith("unverified:").contains("Found:"));
    String table = CoverageText.table(KYIV);
    assertThat(table).contains("PARTY", "CONSULTATIONS", "NATO").contains("Unverified (what could not be confirmed");
    assertThat(table.lines().filter(l -> l.startsWith("CAN "))).singleElement().asString().contains("24h?");
  }

  @Test
  void aRestrictedClauseShowsOnlyToThoseClearedForIt(@TempDir Path dir) throws Exception {
    Path compact = dir.resolve("c");
    Files.createDirectories(compact.resolve("agreements"));
    Files.writeString(compact.resolve("compact.md"), """
        ---
        id: c
        title: Test compact
        protected: UKR
        guarantors:
          - {party: GBR, tier: core}
        ---
        # Test
        """);
    Files.writeString(compact.resolve("agreements/gbr.md"), """
        ---
        id: gbr
        title: Test agreement
        parties: [GBR, UKR]
        beneficiary: UKR
        binding: political
        ---
        # Test

        ```clause
        id: intel
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: restricted
        amount: {value: 5000000, currency: GBP}
        period: {start: 2025-01-01, end: 2025-12-31}
        source: "Test; https://example.org"
        ```
        """);
    Compact full = load(compact);

    assertThat(row(Coverage.of(full.view(Classification.PUBLIC)), "GBR").cell(Mechanism.MILITARY)).isEmpty();
    assertThat(row(Coverage.of(full.view(Classification.RESTRICTED)), "GBR").cell(Mechanism.MILITARY))
        .extracting(CoverageEntry::reference).containsExactly("gbr/intel");
    assertThat(row(Coverage.of(full), "UKR").party()).isEqualTo(new PartyCode("UKR"));
  }

  @Test
  void csvQuotesTextAndDisarmsFormulas() {
    String line = CoverageText.line(List.of("=HYPERLINK(\"x\")", "a,b", "plain"));

    assertThat(line).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",plain\r\n");
    assertThat(CoverageText.csv(KYIV)).startsWith("party,tier,mechanism,").contains("\r\nAUS,core,military,,,,,,,gap,\r\n");
  }
}
