package dev.compact.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegisterTests {
  static final PartyCode EU = new PartyCode("EU");
  static final PartyCode USA = new PartyCode("USA");
  static final PartyCode HUN = new PartyCode("HUN");
  static final PartyCode SVK = new PartyCode("SVK");

  static Instant day(String date) {
    return Instant.parse(date + "T12:00:00Z");
  }

  static SanctionsPackage terms(Optional<LocalDate> inForce, List<Designation> designations) {
    return new SanctionsPackage("19th package", List.of("Council Regulation (EU) 2025/2033"), Optional.of(LocalDate.parse("2025-10-23")),
        inForce, List.of(new Measure(MeasureKind.TRADE, "LNG import ban", Optional.of(LocalDate.parse("2026-04-25")))), designations,
        Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of("legal-acts", "https://example.org/a", "adopted", "https://example.org/a", "in-force", "https://example.org/a",
            "measures", "https://example.org/b", "designations", "file.csv"));
  }

  /** A United States package designating AO Pasit (OFAC entry 31412), recorded and adopted by the USA on 2021-04-15 (events 1, 2). */
  static Register adoptedByItsIssuer(String id) {
    Register register = new Register();
    Designation pasit = new Designation("pasit", "AO Pasit", Optional.of("ofac"), Optional.of("31412"));
    register.apply(1, new Event.SanctionsPackageRecorded(day("2021-04-15"), day("2021-04-15"), id, USA,
        terms(Optional.of(LocalDate.parse("2021-04-15")), List.of(pasit))));
    register.apply(2, new Event.SanctionsAdopted(day("2021-04-15"), day("2021-04-15"), id, USA));
    return register;
  }

  @Test
  void aPackageHasItsTermsAStandingPerGuarantorAndAStatePerDesignation() {
    Register register = adoptedByItsIssuer("us-eo14024-1");
    register.apply(3, new Event.DesignationLifted(day("2022-01-01"), day("2022-01-01"), "us-eo14024-1", "pasit", USA));
    register.apply(4, new Event.DesignationLifted(day("2022-01-02"), day("2022-01-02"), "us-eo14024-1", "unlisted-one", USA));

    Register.Entry entry = register.get("us-eo14024-1").orElseThrow();
    assertThat(entry.issuer()).contains(USA);
    assertThat(entry.title()).isEqualTo("19th package");
    assertThat(entry.standings()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(Register.Status.ADOPTED);
      assertThat(entry.describe(s, LocalDate.parse("2022-01-01"))).isEqualTo("adopted, in force");
    });
    assertThat(entry.designations()).extracting(Register.DesignationStatus::id, Register.DesignationStatus::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pasit", Register.DesignationState.LIFTED),
            org.assertj.core.groups.Tuple.tuple("unlisted-one", Register.DesignationState.LIFTED));
    assertThat(entry.designations().getFirst().act()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
    assertThat(register.designating("ofac", "31412")).singleElement().satisfies(l -> assertThat(l.entry().id()).isEqualTo("us-eo14024-1"));
    assertThat(register.designating("ofac", "31413")).isEmpty();
    assertThat(register.designating("eu", "31412")).isEmpty();
  }

  static final PartyCode GBR = new PartyCode("GBR");

  /**
   * Review 5, H1: the register kept one state per designation for the whole package, so a desk that adopted the United
   * States' package and then lifted a designation showed the US listing as lifted by the UK. Each guarantor's act now
   * changes its own state only: the issuer's listing stays listed, and the designation stays in force for the USA.
   */
  @Test
  void anAdopterLiftsADesignationForItselfOnly() {
    Register register = adoptedByItsIssuer("us-eo");
    register.apply(3, new Event.SanctionsAdopted(day("2022-01-01"), day("2022-01-01"), "us-eo", GBR));
    register.apply(4, new Event.DesignationLifted(day("2022-02-01"), day("2022-02-01"), "us-eo", "pasit", GBR));
    LocalDate today = LocalDate.parse("2022-03-01");

    Register.Entry entry = register.get("us-eo").orElseThrow();
    Register.DesignationStatus d = entry.designations().getFirst();
    assertThat(d.state()).as("the issuer's listing").isEqualTo(Register.DesignationState.LISTED);
    assertThat(d.act()).isEmpty();
    assertThat(d.states()).extracting(Register.PartyState::party, Register.PartyState::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(USA, Register.DesignationState.LISTED),
            org.assertj.core.groups.Tuple.tuple(GBR, Register.DesignationState.LIFTED));
    assertThat(d.states().get(1).act()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(4));
    assertThat(entry.inForceFor(d, today)).containsExactly(USA);
    assertThat(entry.liftedBy(d)).containsExactly(GBR);
    assertThat(register.designating("ofac", "31412")).singleElement()
        .satisfies(l -> assertThat(l.designation().state()).isEqualTo(Register.DesignationState.LISTED));

    register.apply(5, new Event.DesignationLifted(day("2022-02-02"), day("2022-02-02"), "us-eo", "pasit", USA));
    d = register.get("us-eo").orElseThrow().designations().getFirst();
    assertThat(d.state()).as("the issuer's own lift is the listing's").isEqualTo(Register.DesignationState.LIFTED);
    assertThat(register.get("us-eo").orElseThrow().inForceFor(d, today)).isEmpty();

    register.apply(6, new Event.DesignationReimposed(day("2022-02-03"), day("2022-02-03"), "us-eo", "pasit", GBR));
    Register.Entry after = register.get("us-eo").orElseThrow();
    d = after.designations().getFirst();
    assertThat(d.state()).as("an adopter's re-listing is its own too").isEqualTo(Register.DesignationState.LIFTED);
    assertThat(d.act()).hasValueSatisfying(a -> assertThat(a.by()).isEqualTo(USA));
    assertThat(after.inForceFor(d, today)).containsExactly(GBR);
    assertThat(after.liftedBy(d)).containsExactly(USA);
  }

  /**
   * Review 6, M2: adopting a package re-listed every designation its issuer had already lifted, for the adopter, so one
   * adoption made a delisted name a hit "in force" again. A guarantor adopts the package as it stands: the issuer's
   * earlier lift is the adopter's too, until the adopter re-imposes it; a lift after the adoption is the issuer's alone.
   */
  @Test
  void anAdopterTakesThePackageAsItStands() {
    Register register = adoptedByItsIssuer("us-eo");
    register.apply(3, new Event.DesignationLifted(day("2022-01-01"), day("2022-01-01"), "us-eo", "pasit", USA));
    register.apply(4, new Event.SanctionsAdopted(day("2022-02-01"), day("2022-02-01"), "us-eo", GBR));
    LocalDate today = LocalDate.parse("2022-03-01");

    Register.Entry entry = register.get("us-eo").orElseThrow();
    Register.DesignationStatus d = entry.designations().getFirst();
    assertThat(d.states()).extracting(Register.PartyState::party, Register.PartyState::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(USA, Register.DesignationState.LIFTED),
            org.assertj.core.groups.Tuple.tuple(GBR, Register.DesignationState.LIFTED));
    assertThat(d.states().get(1).act()).as("the issuer's lift is the cause").hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
    assertThat(entry.inForceFor(d, today)).isEmpty();

    register.apply(5, new Event.DesignationReimposed(day("2022-02-02"), day("2022-02-02"), "us-eo", "pasit", GBR));
    Register.Entry after = register.get("us-eo").orElseThrow();
    assertThat(after.inForceFor(after.designations().getFirst(), today)).as("the adopter re-lists it for itself").containsExactly(GBR);
  }

  /**
   * Review 6, L6: the register folded designation acts in the order of the log while the engine folds them in order of
   * occurrence, so a re-imposition recorded after a lift but backdated before it showed the designation re-imposed
   * while the engine's lock read it as lifted (eased) from the lift on. The act that occurred last now stands, as in the
   * engine; at one instant the one recorded last, and a package act backdated before an adoption likewise.
   */
  @Test
  void aBackdatedActTakesItsPlaceInTimeAndDoesNotOverrideALaterOne() {
    Register register = adoptedByItsIssuer("us-eo");
    register.apply(3, new Event.DesignationLifted(day("2022-06-01"), day("2022-06-01"), "us-eo", "pasit", USA));
    register.apply(4, new Event.DesignationReimposed(day("2022-01-01"), day("2022-07-01"), "us-eo", "pasit", USA));
    Register.DesignationStatus d = register.get("us-eo").orElseThrow().designations().getFirst();
    assertThat(d.state()).as("the lift occurred after the backdated re-imposition").isEqualTo(Register.DesignationState.LIFTED);
    assertThat(d.act()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
    assertThat(register.get("us-eo").orElseThrow().inForceFor(d, LocalDate.parse("2022-08-01"))).isEmpty();
    assertThat(register.get("us-eo").orElseThrow().acts()).as("the acts stay in the log's order").extracting(Register.Act::seq)
        .containsExactly(1L, 2L, 3L, 4L);

    // At one instant the one recorded last stands, as the engine keeps recording order among simultaneous events.
    register.apply(5, new Event.DesignationReimposed(day("2022-06-01"), day("2022-08-01"), "us-eo", "pasit", USA));
    d = register.get("us-eo").orElseThrow().designations().getFirst();
    assertThat(d.state()).isEqualTo(Register.DesignationState.REIMPOSED);
    assertThat(d.act()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(5));

    // A package lift backdated before the adoption it follows on the log leaves the package adopted.
    register.apply(6, new Event.SanctionsLifted(day("2021-01-01"), day("2022-09-01"), "us-eo", USA));
    assertThat(register.get("us-eo").orElseThrow().standings()).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(Register.Status.ADOPTED));
  }

  /**
   * A record written before the states were kept per guarantor reads as it did wherever only the issuer acted on
   * designations, or (before any terms) whoever acted: the listing's state and act are the latest act's.
   */
  @Test
  void aLogOfTheIssuersActsReadsAsBefore() {
    Register register = new Register();
    Designation pasit = new Designation("pasit", "AO Pasit", Optional.of("ofac"), Optional.of("31412"));
    Designation neobit = new Designation("neobit", "OOO Neobit", Optional.of("ofac"), Optional.of("31414"));
    register.apply(1, new Event.DesignationLifted(day("2021-04-01"), day("2021-04-01"), "us-eo", "early", USA));
    register.apply(2, new Event.DesignationLifted(day("2021-04-02"), day("2021-04-02"), "eu-x", "nobody-listed", EU));
    register.apply(3, new Event.SanctionsPackageRecorded(day("2021-04-15"), day("2021-04-15"), "us-eo", USA,
        terms(Optional.empty(), List.of(pasit, neobit))));
    register.apply(4, new Event.DesignationLifted(day("2022-01-01"), day("2022-01-01"), "us-eo", "pasit", USA));
    register.apply(5, new Event.DesignationReimposed(day("2022-01-02"), day("2022-01-02"), "us-eo", "pasit", USA));
    register.apply(6, new Event.DesignationLifted(day("2022-01-03"), day("2022-01-03"), "us-eo", "neobit", USA));

    Register.Entry us = register.get("us-eo").orElseThrow();
    assertThat(us.designations()).extracting(Register.DesignationStatus::id, Register.DesignationStatus::state, d -> d.act().map(Register.Act::seq))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pasit", Register.DesignationState.REIMPOSED, Optional.of(5L)),
            org.assertj.core.groups.Tuple.tuple("neobit", Register.DesignationState.LIFTED, Optional.of(6L)),
            org.assertj.core.groups.Tuple.tuple("early", Register.DesignationState.LIFTED, Optional.of(1L)));
    assertThat(us.inForceFor(us.designations().getFirst(), LocalDate.parse("2025-10-23"))).as("the issuer applies its own terms")
        .containsExactly(USA);
    assertThat(us.inForceFor(us.designations().getFirst(), LocalDate.parse("2025-10-22"))).as("not before its adoption date").isEmpty();
    Register.Entry eu = register.get("eu-x").orElseThrow();
    assertThat(eu.designations()).extracting(Register.DesignationStatus::id, Register.DesignationStatus::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nobody-listed", Register.DesignationState.LIFTED));
  }

  @Test
  void aPackageAdoptedWithAFutureInForceDateIsInForceOnlyFromThatDay() {
    Register register = new Register();
    register.apply(1, new Event.SanctionsPackageRecorded(day("2025-10-23"), day("2025-10-23"), "eu-19", EU,
        terms(Optional.of(LocalDate.parse("2026-01-01")), List.of())));
    register.apply(2, new Event.SanctionsAdopted(day("2025-10-23"), day("2025-10-23"), "eu-19", EU));

    Register.Entry entry = register.get("eu-19").orElseThrow();
    Register.Standing eu = entry.standings().getFirst();
    assertThat(entry.inForce(eu, LocalDate.parse("2025-12-31"))).isFalse();
    assertThat(entry.describe(eu, LocalDate.parse("2025-12-31"))).isEqualTo("adopted, in force from 2026-01-01");
    assertThat(entry.inForce(eu, LocalDate.parse("2026-01-01"))).isTrue();
  }

  @Test
  void aBlockedPackageNamesWhoBlockedItAndALiftedOneIsNotInForce() {
    Register register = new Register();
    register.apply(1, new Event.SanctionsProposed(day("2026-02-06"), day("2026-02-06"), "eu-20", EU));
    register.apply(2, new Event.SanctionsBlocked(day("2026-02-23"), day("2026-02-23"), "eu-20", EU, List.of(HUN, SVK), "unanimity"));
    register.apply(3, new Event.SanctionsAdopted(day("2024-06-24"), day("2024-06-24"), "eu-14", EU));
    register.apply(4, new Event.SanctionsLifted(day("2026-03-01"), day("2026-03-01"), "eu-14", EU));

    Register.Entry blocked = register.get("eu-20").orElseThrow();
    assertThat(blocked.terms()).isEmpty();
    assertThat(blocked.standings().getFirst().blockedBy()).containsExactly(HUN, SVK);
    assertThat(blocked.describe(blocked.standings().getFirst(), LocalDate.parse("2026-03-01"))).isEqualTo("blocked by HUN, SVK");
    assertThat(blocked.acts()).extracting(Register.Act::kind).containsExactly("sanctions-proposed", "sanctions-blocked");
    Register.Entry lifted = register.get("eu-14").orElseThrow();
    assertThat(lifted.inForce(lifted.standings().getFirst(), LocalDate.parse("2026-03-02"))).isFalse();
    assertThat(lifted.describe(lifted.standings().getFirst(), LocalDate.parse("2026-03-02"))).isEqualTo("lifted");
  }

  @Test
  void aPackageSaysWhichOfItsFactsHaveNoSource() {
    SanctionsPackage unsourced = new SanctionsPackage("14th package", List.of("Council Regulation (EU) 2024/1745"),
        Optional.of(LocalDate.parse("2024-06-24")), Optional.empty(), List.of(), List.of(), Optional.of(116), Optional.empty(),
        Optional.empty(), Map.of("adopted", "https://example.org"));

    assertThat(unsourced.unsourced()).containsExactly("legal-acts", "designation-count");
    assertThatThrownBy(() -> new SanctionsPackage("x", List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of("colour", "https://example.org")))
        .hasMessageContaining("'colour' is not a fact a package states");
    assertThatThrownBy(() -> new Measure(MeasureKind.OTHER, " ", Optional.empty())).hasMessageContaining("needs its text");
    assertThatThrownBy(() -> new Designation("d", "", Optional.of("ofac"), Optional.empty())).hasMessageContaining("give both");
  }
}
