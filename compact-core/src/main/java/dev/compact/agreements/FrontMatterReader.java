package dev.compact.agreements;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the structured fields of a document's front matter (parties, guarantors, response clock,
 * lifecycle, term), each checked where it stands. One instance per document: the term remembers
 * where it was written, for errors found once the clauses are known.
 */
final class FrontMatterReader {

  private final MapReader front;
  private final Diagnostics diagnostics;
  private @Nullable Node termYearsNode;
  private @Nullable SourcePosition termPosition;
  /** The clauses {@code term.survives} names, and where, checked against the body's clauses. */
  final Map<String, SourcePosition> survivesPositions = new LinkedHashMap<>();

  FrontMatterReader(MapReader front, Diagnostics diagnostics) {
    this.front = front;
    this.diagnostics = diagnostics;
  }

  List<PartyCode> parties() {
    List<PartyCode> parties = new ArrayList<>();
    List<Node> nodes = front.list("parties", true);
    for (Node node : nodes) {
      front.party(node, "parties").ifPresent(party -> {
        if (parties.contains(party)) {
          front.error(node, "party " + party + " is listed twice", "list each party once");
        } else {
          parties.add(party);
        }
      });
    }
    if (nodes.size() == 1) {
      front.error(nodes.getFirst(), "an agreement needs at least two parties", "write 'parties: [GBR, UKR]'");
    }
    return parties;
  }

  List<Guarantor> guarantors(Optional<PartyCode> protectedParty) {
    List<Guarantor> guarantors = new ArrayList<>();
    for (Node node : front.list("guarantors", true)) {
      front.asMap(node, "a guarantor").ifPresent(map -> {
        MapReader entry = front.section().reader(map, "a guarantor");
        Optional<PartyCode> party = entry.party("party", true);
        Optional<Tier> tier = entry.keyword("tier", Tier.class, true);
        entry.finish(null);
        if (party.isEmpty() || tier.isEmpty()) {
          return;
        }
        if (guarantors.stream().anyMatch(g -> g.party().equals(party.get()))) {
          entry.error(map, "guarantor " + party.get() + " is listed twice", "list each guarantor once, with one tier");
        } else if (protectedParty.equals(party)) {
          entry.error(map, party.get() + " is the protected party and cannot also be its guarantor", null);
        } else {
          guarantors.add(new Guarantor(party.get(), tier.get()));
        }
      });
    }
    return guarantors;
  }

  ResponseDefaults response(MapReader response) {
    Optional<IsoDuration> convene = response.duration("convene", false);
    Optional<IsoDuration> decide = response.duration("decide", false);
    Optional<Decision> decision = response.keyword("decision", Decision.class, false);
    response.finish(null);
    if (convene.isPresent() && decide.isPresent() && convene.get().isExact() && decide.get().isExact()
        && decide.get().exact().compareTo(convene.get().exact()) < 0) {
      response.section().diagnostics.error(response.position(),
          "guarantors must decide (" + decide.get().display() + ") before they are due to convene (" + convene.get().display() + ")",
          "the decision deadline counts from the same request and should be the longer one");
    }
    return new ResponseDefaults(convene, decide, decision.orElse(Decision.NATIONAL));
  }

  Lifecycle lifecycle(MapReader lifecycle, List<PartyCode> parties) {
    Optional<LocalDate> published = lifecycle.date("published", false);
    Optional<Lifecycle.Publication> publishedAs = lifecycle.keyword("published-as", Lifecycle.Publication.class, false);
    Optional<LocalDate> initialled = lifecycle.date("initialled", false);
    Optional<LocalDate> signed = lifecycle.date("signed", false);
    Optional<LocalDate> inForce = lifecycle.date("in-force", false);
    TreeMap<PartyCode, LocalDate> ratified = new TreeMap<>();
    lifecycle.map("ratified", false).ifPresent(map -> {
      for (String key : MapReader.keys(nodeOf(map))) {
        Node keyNode = keyNode(map, key);
        if (!PartyCode.isKnown(key)) {
          map.node(key, false);
          map.error(keyNode, "unknown party '" + key + "'", MapReader.partyHint(key));
          continue;
        }
        PartyCode party = new PartyCode(key);
        if (!parties.contains(party)) {
          map.node(key, false);
          map.error(keyNode, key + " ratified, but it is not a party to this agreement", "parties are " + parties);
          continue;
        }
        map.date(key, true).ifPresent(date -> {
          if (signed.isPresent() && date.isBefore(signed.get())) {
            map.error(map.node(key, false).orElseThrow(), key + " ratified on " + date + ", before the agreement was signed on " + signed.get(),
                "check both dates");
          }
          ratified.put(party, date);
        });
      }
      map.finish(null);
    });
    lifecycle.finish(null);
    if (initialled.isPresent() && signed.isPresent() && signed.get().isBefore(initialled.get())) {
      lifecycle.error(lifecycle.node("signed", false).orElseThrow(),
          "signed on " + signed.get() + ", before it was initialled on " + initialled.get(), "check both dates");
    }
    if (inForce.isPresent() && signed.isPresent() && inForce.get().isBefore(signed.get())) {
      lifecycle.error(lifecycle.node("in-force", false).orElseThrow(),
          "in force from " + inForce.get() + ", before it was signed on " + signed.get(), "check both dates");
    }
    // A 'signed' date that did not read has its own error already; "never signed" would only repeat it.
    if (inForce.isPresent() && signed.isEmpty() && lifecycle.node("signed", false).isEmpty() && !publishedAs.map(p -> p != Lifecycle.Publication.AGREED_TEXT).orElse(false)) {
      lifecycle.error(lifecycle.node("in-force", false).orElseThrow(), "in force, but never signed", "add 'signed: YYYY-MM-DD'");
    }
    if (publishedAs.isPresent() && published.isEmpty()) {
      lifecycle.error(lifecycle.node("published-as", false).orElseThrow(), "'published-as' needs the date of publication",
          "add 'published: YYYY-MM-DD' (the day the text was made public)");
    }
    if (publishedAs.isPresent() && publishedAs.get() != Lifecycle.Publication.AGREED_TEXT) {
      String kind = Keywords.of(publishedAs.get()).replace('-', ' ');
      for (String stage : List.of("initialled", "signed", "ratified", "in-force")) {
        lifecycle.node(stage, false).ifPresent(node -> lifecycle.error(node,
            "a text published as " + kind + " is offered, not agreed: it cannot be " + stage.replace('-', ' '),
            "if the parties later " + (stage.equals("in-force") ? "brought it into force" : stage.replace("ed", "")) + " it as an agreement, write "
                + "'published-as: agreed-text'; otherwise remove '" + stage + "'"));
      }
    }
    return new Lifecycle(published, publishedAs, initialled, signed, ratified, inForce);
  }

  private static MappingNode nodeOf(MapReader reader) {
    return reader.mapping();
  }

  private static Node keyNode(MapReader reader, String key) {
    return reader.mapping().getValue().stream()
        .filter(t -> t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s && s.getValue().equals(key))
        .findFirst().orElseThrow().getKeyNode();
  }

  Term term(MapReader term, CalendarRule calendar, Map<String, ConditionCompiler.Result> checked) {
    Optional<Integer> years = term.integer("years", false, 1, 100);
    Optional<String> extension = term.text("extension", false);
    Optional<IsoDuration> notice = term.duration("notice", false);
    List<Condition> endsWhen = new ArrayList<>();
    for (Node node : term.list("ends-when", false)) {
      term.scalar(node, "ends-when").flatMap(source -> ClauseParser.compile(term, node, source, "ends-when", checked)).ifPresent(endsWhen::add);
    }
    List<ClauseId> survives = new ArrayList<>();
    for (Node node : term.list("survives", false)) {
      term.scalar(node, "survives").ifPresent(id -> {
        survives.add(new ClauseId(id));
        survivesPositions.put(id, term.section().position(node));
      });
    }
    term.finish(null);
    termYearsNode = term.node("years", false).orElse(null);
    termPosition = term.position();
    return new Term(years, extension, notice, endsWhen, calendar, survives);
  }


  /** The end of the term must be a date under the document's calendar rule (29 February plus ten years is not, under refuse). */
  void checkExpiry(Lifecycle lifecycle, Term term, CalendarRule calendar) {
    if (term.years().isEmpty() || lifecycle.inForce().isEmpty()) {
      return;
    }
    try {
      calendar.plus(lifecycle.inForce().get(), java.time.Period.ofYears(term.years().get()), "P" + term.years().get() + "Y");
    } catch (CalendarRule.DateProblem e) {
      SourcePosition at = termYearsNode != null ? front.section().position(termYearsNode) : termPosition != null ? termPosition : front.position();
      diagnostics.error(at, "in force from " + lifecycle.inForce().get() + " for " + term.years().get() + " years, the term has no end date: "
              + String.valueOf(e.getMessage()).replaceFirst("; choose.*", ""),
          "add 'calendar: end-of-month' to compact.md (or to this file) to end it on the last day of the month, as lawyers read it");
    }
  }

  Optional<Territory> territory(MapReader territory, Optional<Set<String>> areaIds) {
    return TerritoryParser.territory(territory, areaIds, true);
  }
}
