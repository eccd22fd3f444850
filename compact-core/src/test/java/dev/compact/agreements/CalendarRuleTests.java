package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.Outcome;
import dev.compact.engine.State;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker, the renderer and the engine read 29 February plus ten years by one rule. */
class CalendarRuleTests {

  static String leapDay(String calendar) {
    return """
        ---
        id: leap
        title: Leap-day agreement
        parties: [GBR, UKR]
        beneficiary: UKR
        binding: political
        %s
        lifecycle: {signed: 2024-02-29, in-force: 2024-02-29}
        term:
          years: 10
        ---
        # Leap

        In force until {{agreement.expires}}.
        """.formatted(calendar);
  }

  @Test
  void refusesATermThatEndsOnADayTheYearDoesNotHave() {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("leap.md", leapDay("")));

    assertThat(parsed.value()).isEmpty();
    assertThat(parsed.errors()).singleElement().satisfies(d -> {
      assertThat(d.position().line()).isEqualTo(10);
      assertThat(d.message()).isEqualTo("in force from 2024-02-29 for 10 years, the term has no end date: "
          + "2024-02-29 plus P10Y has no such day (February 2034 has only 28 days)");
      assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("calendar: end-of-month"));
    });
  }

  @Test
  void checkRenderAndEngineAgreeOnTheLastDayOfFebruaryUnderEndOfMonth() {
    Agreement agreement = AgreementParser.parse(new SourceFile("leap.md", leapDay("calendar: end-of-month"))).value().orElseThrow();
    assertThat(agreement.term().expires(agreement.lifecycle().inForce())).contains(LocalDate.of(2034, 2, 28));
    assertThat(AgreementRenderer.text(agreement)).contains("In force until 2034-02-28.");

    String umbrella = "---\nid: c\ntitle: C\nprotected: UKR\nguarantors: [{party: GBR, tier: core}]\n---\n# C\n";
    Parsed<Compact> compact = CompactParser.parse(new CompactSources("c", Optional.of(new SourceFile("compact.md", umbrella)),
        List.of(new SourceFile("agreements/leap.md", leapDay("calendar: end-of-month")
            + "\n```clause\nid: p\nnorm: power\nobligor: parties\ndomain: military\naction: request-consultations\n```\n")),
        List.of()));
    Outcome outcome = Engine.of(compact.value().orElseThrow()).run(List.of(
        new Event.TimeAdvanced(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z")),
        new Event.TimeAdvanced(Instant.parse("2034-03-01T00:00:00Z"), Instant.parse("2034-03-01T00:00:00Z"))));

    assertThat(outcome.halt()).isEmpty();
    assertThat(outcome.transitions().getLast().to()).isEqualTo(State.EXPIRED);
    assertThat(outcome.transitions().getLast().at()).isEqualTo(Instant.parse("2034-02-28T00:00:00Z"));
  }

  @Test
  void anAgreementInheritsItsCompactsRule() {
    String umbrella = "---\nid: c\ntitle: C\nprotected: UKR\nguarantors: [{party: GBR, tier: core}]\ncalendar: end-of-month\n---\n# C\n";
    Parsed<Compact> compact = CompactParser.parse(new CompactSources("c", Optional.of(new SourceFile("compact.md", umbrella)),
        List.of(new SourceFile("agreements/leap.md", leapDay(""))), List.of()));

    assertThat(compact.errors()).isEmpty();
    assertThat(compact.value().orElseThrow().agreements().getFirst().term().calendar()).isEqualTo(CalendarRule.END_OF_MONTH);
  }
}
