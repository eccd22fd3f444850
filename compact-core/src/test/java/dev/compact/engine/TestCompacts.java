package dev.compact.engine;

import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.CompactSources;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small compacts written as the drafter would, parsed for each test. */
final class TestCompacts {
  private TestCompacts() {}

  static Compact parse(String umbrellaFrontMatter, String umbrellaClauses, String... agreements) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < agreements.length; i++) {
      files.add(new SourceFile("agreements/a" + i + ".md", agreements[i]));
    }
    String umbrella = "---\n" + umbrellaFrontMatter + "---\n\n# Test compact\n\nText.\n\n" + umbrellaClauses;
    Parsed<Compact> parsed = CompactParser.parse(new CompactSources("test", Optional.of(new SourceFile("compact.md", umbrella)),
        files, List.of()));
    if (parsed.hasErrors()) {
      throw new AssertionError("test compact does not parse: " + parsed.errors());
    }
    return parsed.value().orElseThrow();
  }

  static String clause(String yaml) {
    return "Clause text.\n\n```clause\n" + yaml.strip() + "\n```\n\n";
  }

  static final String GUARANTORS = """
      id: test-compact
      title: Test compact
      protected: UKR
      guarantors:
        - {party: GBR, tier: core}
        - {party: DEU, tier: core}
        - {party: RUS, tier: core}
      """;

  /** An umbrella with a 24-hour convening duty, a decision duty under {@code decision}, and the sanctions lock. */
  static Compact consultations(String decision, String boundary) {
    return parse(GUARANTORS + "response: {convene: PT24H, decide: PT72H, decision: " + decision + "}\n"
            + "term: {notice: P6M, ends-when: [beneficiary.nato_member]}\n"
            + "territory: {description: Ukraine, includes: [UKR], excludes: [UA-43]}\n",
        clause("""
            id: convene
            norm: obligation
            obligor: core
            beneficiary: UKR
            domain: military
            trigger: 'incident.kind == "missile-strike" && incident.in_scope && consultation.requested_by == "UKR"'
            action: convene consultations
            deadline: {within: PT24H, from: consultation-requested, boundary: %s}
            fulfilled-by: consultation-held
            remedy: ministers
            """.formatted(boundary))
            + clause("""
            id: ministers
            norm: obligation
            obligor: core
            beneficiary: UKR
            domain: military
            trigger: 'true'
            action: convene ministers
            deadline: {within: PT72H, from: breach}
            fulfilled-by: consultation-held
            """)
            + clause("""
            id: decide
            norm: obligation
            obligor: core
            beneficiary: UKR
            domain: military
            trigger: 'incident.kind == "missile-strike" && incident.in_scope && consultation.requested_by == "UKR"'
            action: decide on measures
            deadline: {within: PT72H, from: consultation-requested}
            fulfilled-by: measures-decided
            """)
            + clause("""
            id: verified-help
            norm: obligation
            obligor: GBR
            beneficiary: UKR
            domain: humanitarian
            trigger: 'incident.verified && incident.in_scope'
            action: send humanitarian help
            deadline: {within: P7D, from: incident-verified, boundary: exclusive}
            fulfilled-by: delivery
            """)
            + LOCK_AND_TERMINATE);
  }

  /** The sanctions lock (until the aggression ended and the damage is compensated) and every guarantor's power to terminate. */
  static final String LOCK_AND_TERMINATE = clause("""
      id: lock
      norm: prohibition
      obligor: guarantors
      domain: accountability
      action: ease-sanctions
      until: aggressor.aggression_ended && aggressor.damage_compensated
      """) + clause("""
      id: terminate
      norm: power
      obligor: guarantors
      domain: military
      action: terminate
      notice: P6M
      """);

  static final String YEARLY = """
      ---
      id: gbr-yearly
      title: Yearly support
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      lifecycle: {signed: 2024-04-01, in-force: 2024-04-01}
      term: {years: 10}
      ---

      # Yearly support

      """ + clause("""
      id: tranches
      norm: commitment
      obligor: GBR
      beneficiary: UKR
      domain: military
      amount: {value: 1000000000, currency: GBP}
      schedule: {start: 2024-04-01, every: P1Y, count: 10, amount: {value: 100000000, currency: GBP}}
      """);
}
