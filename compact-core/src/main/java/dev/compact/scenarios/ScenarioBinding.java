package dev.compact.scenarios;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourcePosition;
import dev.compact.engine.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a scenario against the compact it runs on, before anything runs: agreements, clauses,
 * parties, incidents, consultations and measures it names must exist by the time it names them.
 * The agreement name {@code compact} stands for the umbrella document, so that one scenario can run
 * against two drafts whose umbrellas have different ids.
 */
public final class ScenarioBinding {

  /** The events ready for the engine, and the problems found, each with the scenario's file and line. */
  public record Bound(List<Event> events, List<Integer> lines, List<Diagnostic> problems) {}

  private ScenarioBinding() {}

  /**
   * Binds strictly ({@code lenient} false: any problem is an error) or leniently (problem events are
   * left out and reported as warnings), which is how a behavioural diff runs one story on two drafts.
   */
  public static Bound bind(Scenario scenario, Compact compact, boolean lenient) {
    List<Diagnostic> problems = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    Set<PartyCode> parties = new HashSet<>();
    parties.add(compact.protectedParty());
    compact.guarantors().forEach(g -> parties.add(g.party()));
    compact.allAgreements().forEach(a -> parties.addAll(a.parties()));
    Set<String> incidents = new HashSet<>();
    Set<String> consultations = new HashSet<>();
    Set<String> measures = new HashSet<>();
    Set<String> measureIds = new HashSet<>();
    for (Scenario.Step step : scenario.events()) {
      List<String> stepProblems = new ArrayList<>();
      Event event = resolve(step.event(), compact, stepProblems);
      switch (event) {
        case Event.LifecycleEvent e -> {
          switch (e) {
            case Event.Signed s -> party(s.party(), parties, stepProblems);
            case Event.Ratified r -> party(r.party(), parties, stepProblems);
            case Event.Suspended s -> party(s.by(), parties, stepProblems);
            case Event.Resumed r -> party(r.by(), parties, stepProblems);
            case Event.TerminationNoticeGiven t -> party(t.by(), parties, stepProblems);
            case Event.EnteredIntoForce f -> { }
            case Event.PartyStatusChanged p -> { }
          }
        }
        case Event.IncidentReported e -> {
          if (!incidents.add(e.incident().value())) {
            stepProblems.add("incident '" + e.incident() + "' is reported twice");
          }
        }
        case Event.IncidentVerified e -> incident(e.incident(), incidents, stepProblems);
        case Event.IncidentRejected e -> incident(e.incident(), incidents, stepProblems);
        case Event.ConsultationRequested e -> {
          party(e.by(), parties, stepProblems);
          e.incident().ifPresent(i -> incident(i, incidents, stepProblems));
          if (!consultations.add(e.consultation().value())) {
            stepProblems.add("consultation '" + e.consultation() + "' is requested twice");
          }
        }
        case Event.ConsultationHeld e -> {
          consultation(e.consultation(), consultations, stepProblems);
          // Lists of parties name whoever took part; in a lenient run a party the other draft lacks is simply absent.
          if (!lenient) {
            e.attended().forEach(p -> party(p, parties, stepProblems));
          }
        }
        case Event.MeasuresDecided e -> {
          consultation(e.consultation(), consultations, stepProblems);
          if (!lenient) {
            e.agreed().forEach(p -> party(p, parties, stepProblems));
            e.objections().forEach(p -> party(p, parties, stepProblems));
          }
          for (Event.Measure measure : e.measures()) {
            if (!lenient) {
              party(measure.obligor(), parties, stepProblems);
            }
            measures.add(e.consultation() + "/" + measure.id());
            measureIds.add(measure.id());
          }
        }
        case Event.SupportEvent e -> {
          party(e.guarantor(), parties, stepProblems);
          e.countsAgainst().ifPresent(target -> {
            switch (target) {
              case Event.Target.Clause c -> clause(compact, c.agreement(), c.clause().value(), stepProblems);
              case Event.Target.Measure m -> {
                if (!measures.contains(m.toString())) {
                  stepProblems.add("no earlier event decides measure '" + m + "'");
                }
              }
            }
          });
        }
        case Event.SanctionsEvent e -> { }
        case Event.ActReported e -> party(e.by(), parties, stepProblems);
        case Event.Extended e -> {
          party(e.by(), parties, stepProblems);
          e.agreedBy().forEach(p -> party(p, parties, stepProblems));
        }
        case Event.PreconditionMet e -> {
          party(e.by(), parties, stepProblems);
          clause(compact, e.commitment().agreement(), e.commitment().clause().value(), stepProblems);
        }
        case Event.CompensationRecorded e -> { }
        case Event.SnapbackInvoked e -> {
          party(e.by(), parties, stepProblems);
          e.incident().ifPresent(i -> incident(i, incidents, stepProblems));
        }
        case Event.TimeAdvanced e -> { }
      }
      if (stepProblems.isEmpty()) {
        events.add(event);
        lines.add(step.line());
      }
      for (String problem : stepProblems) {
        problems.add(new Diagnostic(lenient ? Diagnostic.Severity.WARNING : Diagnostic.Severity.ERROR,
            new SourcePosition(scenario.path(), step.line(), 5), problem + (lenient ? "; the event is left out" : ""),
            Optional.of("names must match the compact " + compact.id())));
      }
    }
    if (!lenient) {
      for (Scenario.Expectation expectation : scenario.expectations()) {
        instance(compact, expectation.instance(), measureIds).ifPresent(problem -> problems.add(new Diagnostic(
            Diagnostic.Severity.ERROR, new SourcePosition(scenario.path(), expectation.line(), 5), problem,
            Optional.of("instance ids are agreement/clause/OBLIGOR, then @incident, @consultation or @period-start when the "
                + "clause arises per incident, consultation or period"))));
      }
      for (Scenario.Invariant invariant : scenario.invariants()) {
        pattern(compact, invariant.instance(), measureIds).ifPresent(problem -> problems.add(new Diagnostic(
            Diagnostic.Severity.ERROR, new SourcePosition(scenario.path(), invariant.line(), 5), problem,
            Optional.of("a 'never' pattern that names what the compact does not have can never fail; "
                + "'*' stands for any run of characters"))));
      }
    }
    return new Bound(events, lines, problems);
  }

  private static Event resolve(Event event, Compact compact, List<String> problems) {
    String umbrella = compact.umbrella().id().value();
    return switch (event) {
      case Event.Signed e -> new Event.Signed(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems), e.party());
      case Event.Ratified e ->
          new Event.Ratified(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems), e.party());
      case Event.EnteredIntoForce e ->
          new Event.EnteredIntoForce(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems));
      case Event.Suspended e -> new Event.Suspended(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems), e.by());
      case Event.Resumed e -> new Event.Resumed(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems), e.by());
      case Event.TerminationNoticeGiven e ->
          new Event.TerminationNoticeGiven(e.occurredAt(), e.recordedAt(), agreement(compact, e.agreement(), problems), e.by());
      case Event.DeliveryRecorded e when e.countsAgainst().orElse(null) instanceof Event.Target.Clause c
          && c.agreement().value().equals("compact") ->
          new Event.DeliveryRecorded(e.occurredAt(), e.recordedAt(), e.guarantor(), e.category(), e.value(), e.rate(), e.items(),
              Optional.of(new Event.Target.Clause(new AgreementId(umbrella), c.clause())), e.scope());
      case Event.AllocationRecorded e when e.countsAgainst().orElse(null) instanceof Event.Target.Clause c
          && c.agreement().value().equals("compact") ->
          new Event.AllocationRecorded(e.occurredAt(), e.recordedAt(), e.guarantor(), e.category(), e.value(), e.rate(), e.items(),
              Optional.of(new Event.Target.Clause(new AgreementId(umbrella), c.clause())), e.scope());
      case Event.Extended e -> new Event.Extended(e.occurredAt(), e.recordedAt(), e.by(), agreement(compact, e.agreement(), problems),
          e.agreedBy(), e.years());
      case Event.PreconditionMet e when e.commitment().agreement().value().equals("compact") ->
          new Event.PreconditionMet(e.occurredAt(), e.recordedAt(), e.by(),
              new Event.Target.Clause(new AgreementId(umbrella), e.commitment().clause()), e.condition());
      default -> event;
    };
  }

  private static AgreementId agreement(Compact compact, AgreementId id, List<String> problems) {
    if (id.value().equals("compact")) {
      return compact.umbrella().id();
    }
    if (compact.agreement(id).isEmpty()) {
      problems.add("unknown agreement '" + id + "' (this compact has " + String.join(", ",
          compact.allAgreements().stream().map(a -> a.id().value()).toList()) + ")");
    }
    return id;
  }

  private static void clause(Compact compact, AgreementId agreementId, String clause, List<String> problems) {
    String id = agreementId.value().equals("compact") ? compact.umbrella().id().value() : agreementId.value();
    Optional<Agreement> agreement = compact.agreement(new AgreementId(id));
    if (agreement.isEmpty()) {
      problems.add("unknown agreement '" + id + "'");
    } else if (agreement.get().clauses().stream().noneMatch(c -> c.id().value().equals(clause))) {
      problems.add("unknown clause '" + clause + "' in " + id + " (its clauses: " + String.join(", ",
          agreement.get().clauses().stream().map(c -> c.id().value()).toList()) + ")");
    }
  }

  private static void party(PartyCode party, Set<PartyCode> parties, List<String> problems) {
    if (!parties.contains(party)) {
      problems.add("unknown party '" + party + "': it is not a party to this compact");
    }
  }

  private static void incident(Event.IncidentId id, Set<String> incidents, List<String> problems) {
    if (!incidents.contains(id.value())) {
      problems.add("unknown incident '" + id + "': no earlier event reports it");
    }
  }

  private static void consultation(Event.ConsultationId id, Set<String> consultations, List<String> problems) {
    if (!consultations.contains(id.value())) {
      problems.add("unknown consultation '" + id + "': no earlier event requests it");
    }
  }

  /** Checks agreement/clause/OBLIGOR[@context] against the compact; measures are checked by id. */
  private static Optional<String> instance(Compact compact, String key, Set<String> measureIds) {
    String[] parts = key.split("@", 2)[0].split("/");
    if (parts.length != 3) {
      return Optional.of("'" + key + "' is not an instance id");
    }
    String agreementId = parts[0].equals("compact") ? compact.umbrella().id().value() : parts[0];
    Optional<Agreement> agreement = compact.agreement(new AgreementId(agreementId));
    if (agreement.isEmpty()) {
      return Optional.of("unknown agreement '" + parts[0] + "' in expectation for " + key);
    }
    boolean clause = agreement.get().clauses().stream().anyMatch(c -> c.id().value().equals(parts[1]));
    if (!clause && !(agreement.get() == compact.umbrella() && measureIds.contains(parts[1]))) {
      return Optional.of("unknown clause '" + parts[1] + "' in " + agreementId + " (expectation for " + key + ")");
    }
    if (!PartyCode.isKnown(parts[2])) {
      return Optional.of("unknown party '" + parts[2] + "' in expectation for " + key);
    }
    return Optional.empty();
  }

  /**
   * Checks the parts of a {@code never} pattern that have no wildcard: a named agreement must exist,
   * and a named clause must exist in it (or, under a wildcard agreement, in some agreement), else
   * the invariant matches nothing and cannot fail. Instance ids have exactly two slashes before the
   * '@', so in a pattern of three parts each part stands for its own part of the id.
   */
  private static Optional<String> pattern(Compact compact, String pattern, Set<String> measureIds) {
    String[] parts = pattern.split("@", 2)[0].split("/", -1);
    if (parts[0].contains("*")) {
      if (parts.length == 3 && !parts[1].contains("*") && !measureIds.contains(parts[1])
          && compact.allAgreements().stream().noneMatch(a -> Scenario.Glob.matches(parts[0], a.id().value())
              && a.clauses().stream().anyMatch(c -> c.id().value().equals(parts[1])))) {
        return Optional.of("no agreement matching '" + parts[0] + "' has a clause '" + parts[1] + "' (never: " + pattern + ")");
      }
      return Optional.empty();
    }
    String agreementId = parts[0].equals("compact") ? compact.umbrella().id().value() : parts[0];
    Optional<Agreement> agreement = compact.agreement(new AgreementId(agreementId));
    if (agreement.isEmpty()) {
      return Optional.of("unknown agreement '" + parts[0] + "' in never: " + pattern);
    }
    if (parts.length >= 2 && !parts[1].contains("*")
        && agreement.get().clauses().stream().noneMatch(c -> c.id().value().equals(parts[1]))
        && !(agreement.get() == compact.umbrella() && measureIds.contains(parts[1]))) {
      return Optional.of("unknown clause '" + parts[1] + "' in " + agreementId + " (never: " + pattern + "; its clauses: "
          + String.join(", ", agreement.get().clauses().stream().map(c -> c.id().value()).toList()) + ")");
    }
    return Optional.empty();
  }

  /** Expectations may write {@code compact/...} for the umbrella; the engine knows it by its id. */
  static String canonicalKey(Compact compact, String key) {
    return key.startsWith("compact/") ? compact.umbrella().id().value() + key.substring("compact".length()) : key;
  }
}
