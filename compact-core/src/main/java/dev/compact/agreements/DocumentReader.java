package dev.compact.agreements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a document's meaning from its syntax: the front matter's fields, then the body's clauses,
 * then the checks across both, and the version hash over the normalised result. One instance per
 * document; an umbrella document ({@code compact.md}) also gives the compact's own fields.
 */
final class DocumentReader {
  private final String path;
  private final DocumentSyntax syntax;
  private final MapReader front;
  private final FrontMatterReader header;
  private final Diagnostics diagnostics;
  private final boolean umbrella;
  /** The rule the document declares, else its compact's. */
  private CalendarRule calendar;
  private Optional<CalendarRule> declaredCalendar = Optional.empty();
  /** The named areas territories may use: the compact's, or empty when a file is read on its own. */
  private Optional<Set<String>> areaIds;
  /** Exchange rates and GDP figures: the compact's, or empty when a file is read on its own. */
  private Optional<MoneyData> money;
  /** The document's conditions, checked ahead with the rest of its compact's. */
  private final Map<String, ConditionCompiler.Result> checked;

  DocumentReader(DocumentSyntax syntax, Diagnostics diagnostics, boolean umbrella, CalendarRule compactCalendar,
      Optional<Set<String>> areaIds, Optional<MoneyData> money, Map<String, ConditionCompiler.Result> checked) {
    this.checked = checked;
    this.path = syntax.path();
    this.syntax = syntax;
    this.front = syntax.header().reader(syntax.front(), umbrella ? "the compact" : "the agreement");
    this.header = new FrontMatterReader(front, diagnostics);
    this.diagnostics = diagnostics;
    this.umbrella = umbrella;
    this.calendar = compactCalendar;
    this.areaIds = areaIds;
    this.money = money;
  }

  Optional<AgreementParser.Umbrella> read() {
    int errorsBefore = diagnostics.errorCount();
    Optional<String> id = front.id("id", true);
    Optional<String> title = front.text("title", true);
    List<PartyCode> parties = new ArrayList<>();
    Optional<PartyCode> beneficiary;
    List<Guarantor> guarantors = new ArrayList<>();
    ResponseDefaults defaults = ResponseDefaults.none();
    Optional<Binding> binding;
    Optional<PartyCode> aggressor = Optional.empty();
    List<Area> areas = List.of();
    if (umbrella) {
      areas = TerritoryParser.areas(front);
      money = Optional.of(MoneyData.read(front));
      areaIds = Optional.of(areas.stream().map(Area::id).collect(Collectors.toCollection(TreeSet::new)));
      aggressor = front.party("aggressor", false);
      if (aggressor.isPresent() && aggressor.equals(front.party("protected", false))) {
        front.error(front.node("aggressor", false).orElseThrow(), "the protected party cannot be the aggressor",
            "name the state the guarantees are against, e.g. 'aggressor: RUS'");
      }
      beneficiary = front.party("protected", true);
      beneficiary.ifPresent(parties::add);
      guarantors = header.guarantors(beneficiary);
      guarantors.forEach(g -> parties.add(g.party()));
      defaults = front.map("response", false).map(header::response).orElse(defaults);
      binding = front.has("binding") ? front.keyword("binding", Binding.class, true) : Optional.of(Binding.POLITICAL);
    } else {
      parties.addAll(header.parties());
      beneficiary = front.party("beneficiary", true);
      if (beneficiary.isPresent() && !parties.isEmpty() && !parties.contains(beneficiary.get())) {
        front.error(front.node("beneficiary", false).orElseThrow(), "the beneficiary " + beneficiary.get() + " is not one of the parties",
            "add it to 'parties' or name a party as beneficiary");
      }
      binding = front.keyword("binding", Binding.class, true);
    }
    declaredCalendar = front.keyword("calendar", CalendarRule.class, false);
    declaredCalendar.ifPresent(rule -> calendar = rule);
    Lifecycle lifecycle = front.map("lifecycle", false).map(l -> header.lifecycle(l, parties)).orElse(Lifecycle.draft());
    Term term = front.map("term", false).map(t -> header.term(t, calendar, checked))
        .orElse(new Term(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), calendar));
    header.checkExpiry(lifecycle, term, calendar);
    Optional<Territory> territory = front.map("territory", false).flatMap(t -> header.territory(t, areaIds));
    front.finish(null);

    BodyReader.Body body = new BodyReader(syntax, diagnostics).read(new ClauseParser.Context(List.copyOf(parties), umbrella, calendar, areaIds, money, checked));
    ReferenceChecks checks = new ReferenceChecks(path, diagnostics);
    checks.checkClauseReferences(body.clauses(), body.references(), body.clauseParser());
    checks.checkSurvivors(header.survivesPositions, body.clauses(), body.clauseParser());
    if (diagnostics.errorCount() > errorsBefore || id.isEmpty() || title.isEmpty() || beneficiary.isEmpty() || binding.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> hashed = new TreeMap<>();
    hashed.put("kind", umbrella ? "compact" : "agreement");
    hashed.put("id", id.get());
    hashed.put("title", title.get());
    hashed.put("parties", parties.stream().map(PartyCode::value).toList());
    hashed.put("beneficiary", beneficiary.get().value());
    hashed.put("binding", Keywords.of(binding.get()));
    hashed.put("lifecycle", lifecycleData(lifecycle));
    hashed.put("term", termData(term));
    // Only a rule the file itself chooses is part of its text; the default adds nothing, so v1 hashes stay.
    declaredCalendar.filter(rule -> rule != CalendarRule.REFUSE).ifPresent(rule -> hashed.put("calendar", Keywords.of(rule)));
    territory.ifPresent(t -> hashed.put("territory", Map.of("description", t.description(), "includes", t.includes(), "excludes", t.excludes())));
    if (umbrella) {
      hashed.put("guarantors", guarantors.stream().map(g -> (Object) Map.of("party", g.party().value(), "tier", Keywords.of(g.tier()))).toList());
      Map<String, Object> response = new TreeMap<>();
      defaults.convene().ifPresent(d -> response.put("convene", d.text()));
      defaults.decide().ifPresent(d -> response.put("decide", d.text()));
      response.put("decision", Keywords.of(defaults.decision()));
      hashed.put("response", response);
      aggressor.ifPresent(a -> hashed.put("aggressor", a.value()));
      if (!areas.isEmpty()) {
        hashed.put("areas", areas.stream().map(DocumentReader::areaData).toList());
      }
      MoneyData data = money.orElse(MoneyData.none());
      if (!data.rates().isEmpty()) {
        hashed.put("rates", data.rates().stream().map(r -> (Object) Map.of("from", r.from(), "to", r.to(),
            "rate", r.rate().stripTrailingZeros().toPlainString(), "date", r.date().toString(), "source", r.source())).toList());
      }
      if (!data.gdp().isEmpty()) {
        hashed.put("gdp", data.gdp().stream().map(g -> (Object) Map.of("party", g.party().value(), "year", Integer.toString(g.year()),
            "value", CanonicalForm.money(g.value()), "source", g.source())).toList());
      }
    }
    VersionHash hash = CanonicalForm.hash(hashed, body.clauses(), body.canonicalText());
    Agreement agreement = new Agreement(new AgreementId(id.get()), title.get(), parties, beneficiary.get(), binding.get(), lifecycle, term,
        territory, body.clauses(), syntax.parts().body(), syntax.parts().bodyFirstLine(), path, hash);
    checks.checkAgreementReferences(agreement, body.references());
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new AgreementParser.Umbrella(id.get(), title.get(), beneficiary.get(), guarantors, defaults, agreement, aggressor, areas,
        money.orElse(MoneyData.none())));
  }

  private static Object areaData(Area area) {
    Map<String, Object> data = new TreeMap<>();
    data.put("id", area.id());
    data.put("name", area.name());
    data.put("source", area.source());
    data.put("subdivisions", area.subdivisions());
    data.put("within", area.within());
    area.line().ifPresent(l -> data.put("line", Map.of("as-of", l.asOf().toString(),
        "polygon", l.polygon().stream().map(p -> (Object) List.of(Double.toString(p.lat()), Double.toString(p.lon()))).toList())));
    return data;
  }

  private static Map<String, Object> lifecycleData(Lifecycle lifecycle) {
    Map<String, Object> data = new TreeMap<>();
    // Written only when present, so that a v1 file keeps its hash.
    lifecycle.published().ifPresent(d -> data.put("published", d.toString()));
    lifecycle.publication().ifPresent(p -> data.put("published-as", Keywords.of(p)));
    lifecycle.initialled().ifPresent(d -> data.put("initialled", d.toString()));
    lifecycle.signed().ifPresent(d -> data.put("signed", d.toString()));
    lifecycle.inForce().ifPresent(d -> data.put("in-force", d.toString()));
    Map<String, Object> ratified = new TreeMap<>();
    lifecycle.ratified().forEach((party, date) -> ratified.put(party.value(), date.toString()));
    data.put("ratified", ratified);
    return data;
  }

  private static Map<String, Object> termData(Term term) {
    Map<String, Object> data = new TreeMap<>();
    term.years().ifPresent(y -> data.put("years", y.toString()));
    term.extension().ifPresent(e -> data.put("extension", e));
    term.notice().ifPresent(n -> data.put("notice", n.text()));
    data.put("ends-when", term.endsWhen().stream().map(c -> c.source().strip()).toList());
    if (!term.survives().isEmpty()) {
      data.put("survives", term.survives().stream().map(ClauseId::value).toList());
    }
    return data;
  }
}
