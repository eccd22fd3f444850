package dev.compact.agreements;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an agreement file (or a compact's umbrella document): front matter, Markdown text, clause
 * blocks and field references. Goes on after errors, so that one run reports every problem.
 */
public final class AgreementParser {
  /** Largest file accepted; real agreements are a few tens of kilobytes. */
  public static final int MAX_FILE_CHARS = 2_000_000;

  /** Most clauses accepted in one file. */
  public static final int MAX_CLAUSES = 1_000;

  static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}\\s.]*)\\.([^{}\\s]*)\\s*}}");
  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private AgreementParser() {}

  /** Parses one agreement file on its own, outside any compact. */
  public static Parsed<Agreement> parse(SourceFile file) {
    return parse(file, CalendarRule.REFUSE);
  }

  /**
   * Parses one agreement file on its own, reading calendar sums under {@code compactCalendar} unless
   * the file chooses its own rule: the rule its compact declares, so that a rendered file and the
   * compact agree on every date.
   */
  public static Parsed<Agreement> parse(SourceFile file, CalendarRule compactCalendar) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<Agreement> agreement = agreement(file, diagnostics, compactCalendar);
    return new Parsed<>(diagnostics.errorCount() == 0 ? agreement : Optional.empty(), diagnostics.sorted());
  }

  /** The umbrella document's own header fields, besides those every agreement has. */
  record Umbrella(String id, String title, PartyCode protectedParty, List<Guarantor> guarantors, ResponseDefaults defaults, Agreement document,
      Optional<PartyCode> aggressor, List<Area> areas, MoneyData money) {}

  static Optional<Agreement> agreement(SourceFile file, Diagnostics diagnostics, CalendarRule compactCalendar) {
    return read(file, diagnostics, false, compactCalendar, Optional.empty(), Optional.empty()).map(Umbrella::document);
  }

  /** An agreement of a compact whose named areas are {@code areaIds}: territories may name those and no others. */
  static Optional<Agreement> agreement(SourceFile file, Diagnostics diagnostics, CalendarRule compactCalendar, java.util.Set<String> areaIds,
      MoneyData money) {
    return read(file, diagnostics, false, compactCalendar, Optional.of(areaIds), Optional.of(money)).map(Umbrella::document);
  }

  static Optional<Umbrella> umbrella(SourceFile file, Diagnostics diagnostics) {
    return read(file, diagnostics, true, CalendarRule.REFUSE, Optional.empty(), Optional.empty());
  }

  /**
   * The calendar rule a document's front matter declares ({@code calendar: end-of-month}), read
   * without reporting anything: {@code refuse} when it declares none or cannot be read.
   */
  public static CalendarRule declaredCalendar(SourceFile file) {
    String content = file.content().replace("\r\n", "\n");
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    Optional<FrontMatter> frontMatter = FrontMatter.split(file.path(), content, new Diagnostics());
    return frontMatter.flatMap(parts -> new YamlSection(file.path(), 2, 0, new Diagnostics()).compose(parts.yaml(), "the front matter"))
        .flatMap(node -> MapReader.peek(node, "calendar"))
        .flatMap(value -> Keywords.parse(CalendarRule.class, value))
        .orElse(CalendarRule.REFUSE);
  }

  private static Optional<Umbrella> read(SourceFile file, Diagnostics diagnostics, boolean umbrella, CalendarRule compactCalendar,
      Optional<java.util.Set<String>> areaIds, Optional<MoneyData> money) {
    String content = file.content();
    if (content.length() > MAX_FILE_CHARS) {
      diagnostics.error(new SourcePosition(file.path(), 1, 1), "file is larger than " + MAX_FILE_CHARS / 1_000_000 + " million characters",
          "split the agreement, or check that this is the right file");
      return Optional.empty();
    }
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    content = content.replace("\r\n", "\n").replace('\r', '\n');
    Optional<FrontMatter> frontMatter = FrontMatter.split(file.path(), content, diagnostics);
    if (frontMatter.isEmpty()) {
      return Optional.empty();
    }
    FrontMatter parts = frontMatter.get();
    YamlSection header = new YamlSection(file.path(), 2, 0, diagnostics);
    Optional<MappingNode> mapping = header.compose(parts.yaml(), "the front matter");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    MapReader front = header.reader(mapping.get(), umbrella ? "the compact" : "the agreement");
    return new DocumentReader(file.path(), front, parts, diagnostics, umbrella, compactCalendar, areaIds, money).read();
  }

  /** The front matter and the Markdown that follows it. */
  record FrontMatter(String yaml, String body, int bodyFirstLine) {
    static Optional<FrontMatter> split(String path, String content, Diagnostics diagnostics) {
      String[] lines = content.split("\n", -1);
      if (lines.length == 0 || !lines[0].strip().equals("---")) {
        diagnostics.error(new SourcePosition(path, 1, 1), "the file does not start with front matter",
            "begin the file with a line '---', the fields (id, title, parties, ...), and another line '---'");
        return Optional.empty();
      }
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
          String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, i));
          String body = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
          return Optional.of(new FrontMatter(yaml, body, i + 2));
        }
      }
      diagnostics.error(new SourcePosition(path, 1, 1), "the front matter is never closed",
          "end the fields with a line containing only '---' before the text begins");
      return Optional.empty();
    }
  }

  /** Reads the header fields, then the body. One instance per file. */
  private static final class DocumentReader {
    private final String path;
    private final MapReader front;
    private final FrontMatter parts;
    private final Diagnostics diagnostics;
    private final boolean umbrella;
    /** The rule the document declares, else its compact's. */
    private CalendarRule calendar;
    private Optional<CalendarRule> declaredCalendar = Optional.empty();
    /** The named areas territories may use: the compact's, or empty when a file is read on its own. */
    private Optional<java.util.Set<String>> areaIds;
    /** Exchange rates and GDP figures: the compact's, or empty when a file is read on its own. */
    private Optional<MoneyData> money;

    DocumentReader(String path, MapReader front, FrontMatter parts, Diagnostics diagnostics, boolean umbrella, CalendarRule compactCalendar,
        Optional<java.util.Set<String>> areaIds, Optional<MoneyData> money) {
      this.areaIds = areaIds;
      this.money = money;
      this.path = path;
      this.front = front;
      this.parts = parts;
      this.diagnostics = diagnostics;
      this.umbrella = umbrella;
      this.calendar = compactCalendar;
    }

    Optional<Umbrella> read() {
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
        areaIds = Optional.of(areas.stream().map(Area::id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        aggressor = front.party("aggressor", false);
        if (aggressor.isPresent() && aggressor.equals(front.party("protected", false))) {
          front.error(front.node("aggressor", false).orElseThrow(), "the protected party cannot be the aggressor",
              "name the state the guarantees are against, e.g. 'aggressor: RUS'");
        }
        beneficiary = front.party("protected", true);
        beneficiary.ifPresent(parties::add);
        guarantors = guarantors(beneficiary);
        guarantors.forEach(g -> parties.add(g.party()));
        defaults = front.map("response", false).map(this::response).orElse(defaults);
        binding = front.has("binding") ? front.keyword("binding", Binding.class, true) : Optional.of(Binding.POLITICAL);
      } else {
        parties.addAll(parties());
        beneficiary = front.party("beneficiary", true);
        if (beneficiary.isPresent() && !parties.isEmpty() && !parties.contains(beneficiary.get())) {
          front.error(front.node("beneficiary", false).orElseThrow(), "the beneficiary " + beneficiary.get() + " is not one of the parties",
              "add it to 'parties' or name a party as beneficiary");
        }
        binding = front.keyword("binding", Binding.class, true);
      }
      declaredCalendar = front.keyword("calendar", CalendarRule.class, false);
      declaredCalendar.ifPresent(rule -> calendar = rule);
      Lifecycle lifecycle = front.map("lifecycle", false).map(l -> lifecycle(l, parties)).orElse(Lifecycle.draft());
      Term term = front.map("term", false).map(this::term)
          .orElse(new Term(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), calendar));
      checkExpiry(lifecycle, term);
      Optional<Territory> territory = front.map("territory", false).flatMap(this::territory);
      front.finish(null);

      Body body = readBody(new ClauseParser.Context(List.copyOf(parties), umbrella, calendar, areaIds, money));
      checkClauseReferences(body.clauses(), body.references(), body.clauseParser());
      for (Map.Entry<String, SourcePosition> survivor : survivesPositions.entrySet()) {
        if (body.clauses().stream().noneMatch(c -> c.id().value().equals(survivor.getKey())) && !body.clauseParser().failed(survivor.getKey())) {
          diagnostics.error(survivor.getValue(), "'term.survives' names an unknown clause '" + survivor.getKey() + "'",
              body.clauses().isEmpty() ? "this file has no clauses"
                  : "clauses here are " + String.join(", ", body.clauses().stream().map(c -> c.id().value()).toList()));
        }
      }
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
          territory, body.clauses(), parts.body(), parts.bodyFirstLine(), path, hash);
      checkAgreementReferences(agreement, body.references());
      if (diagnostics.errorCount() > errorsBefore) {
        return Optional.empty();
      }
      return Optional.of(new Umbrella(id.get(), title.get(), beneficiary.get(), guarantors, defaults, agreement, aggressor, areas,
          money.orElse(MoneyData.none())));
    }

    private List<PartyCode> parties() {
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

    private List<Guarantor> guarantors(Optional<PartyCode> protectedParty) {
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

    private ResponseDefaults response(MapReader response) {
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

    private Lifecycle lifecycle(MapReader lifecycle, List<PartyCode> parties) {
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
      if (inForce.isPresent() && signed.isEmpty() && !publishedAs.map(p -> p != Lifecycle.Publication.AGREED_TEXT).orElse(false)) {
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

    private Term term(MapReader term) {
      Optional<Integer> years = term.integer("years", false, 1, 100);
      Optional<String> extension = term.text("extension", false);
      Optional<IsoDuration> notice = term.duration("notice", false);
      List<Condition> endsWhen = new ArrayList<>();
      for (Node node : term.list("ends-when", false)) {
        term.scalar(node, "ends-when").flatMap(source -> ClauseParser.compile(term, node, source, "ends-when")).ifPresent(endsWhen::add);
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

    private org.snakeyaml.engine.v2.nodes.Node termYearsNode;
    private final Map<String, SourcePosition> survivesPositions = new LinkedHashMap<>();
    private SourcePosition termPosition;

    /** The end of the term must be a date under the document's calendar rule (29 February plus ten years is not, under refuse). */
    private void checkExpiry(Lifecycle lifecycle, Term term) {
      if (term.years().isEmpty() || lifecycle.inForce().isEmpty()) {
        return;
      }
      try {
        calendar.plus(lifecycle.inForce().get(), java.time.Period.ofYears(term.years().get()), "P" + term.years().get() + "Y");
      } catch (CalendarRule.DateProblem e) {
        SourcePosition at = termYearsNode != null ? front.section().position(termYearsNode) : termPosition;
        diagnostics.error(at, "in force from " + lifecycle.inForce().get() + " for " + term.years().get() + " years, the term has no end date: "
                + e.getMessage().replaceFirst("; choose.*", ""),
            "add 'calendar: end-of-month' to compact.md (or to this file) to end it on the last day of the month, as lawyers read it");
      }
    }

    private Optional<Territory> territory(MapReader territory) {
      return TerritoryParser.territory(territory, areaIds, true);
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

    /** A field reference found in the text, and where. */
    private record Reference(String clause, String field, SourcePosition position) {}

    private record Body(List<Clause> clauses, List<Reference> references, String canonicalText, ClauseParser clauseParser) {}

    private Body readBody(ClauseParser.Context context) {
      org.commonmark.node.Node document = MARKDOWN.parse(parts.body());
      List<Clause> clauses = new ArrayList<>();
      List<Reference> references = new ArrayList<>();
      Map<String, Integer> clauseLines = new HashMap<>();
      List<int[]> clauseBlockLines = new ArrayList<>();
      ClauseParser clauseParser = new ClauseParser(context);
      document.accept(new AbstractVisitor() {
        @Override
        public void visit(FencedCodeBlock block) {
          String info = block.getInfo() == null ? "" : block.getInfo().strip();
          int fenceLine = parts.bodyFirstLine() + firstLine(block);
          if (info.equals("clause")) {
            int lastLine = parts.bodyFirstLine() + lastLine(block);
            clauseBlockLines.add(new int[] {fenceLine, lastLine});
            if (block.getClosingFenceLength() == null) {
              diagnostics.error(new SourcePosition(path, fenceLine, 1), "this clause block is never closed",
                  "end it with a line of " + block.getFenceLength() + " backticks");
              return;
            }
            if (clauses.size() >= MAX_CLAUSES) {
              diagnostics.error(new SourcePosition(path, fenceLine, 1), "more than " + MAX_CLAUSES + " clauses in one file", "split the agreement");
              return;
            }
            YamlSection section = new YamlSection(path, fenceLine + 1, block.getFenceIndent(), diagnostics);
            section.compose(block.getLiteral(), "the clause block").flatMap(node -> clauseParser.parse(section, node, fenceLine)).ifPresent(clause -> {
              Integer first = clauseLines.putIfAbsent(clause.id().value(), fenceLine);
              if (first != null) {
                diagnostics.error(new SourcePosition(path, fenceLine + 1, 1), "duplicate clause id '" + clause.id() + "' (first used at line " + first + ")",
                    "give every clause its own id; ids must stay stable across versions");
              } else {
                clauses.add(clause);
              }
            });
          } else if (!info.isEmpty() && ConditionCompiler.editDistance(info.split("\\s+")[0], "clause") <= 2) {
            diagnostics.error(new SourcePosition(path, fenceLine, 1), "'" + info + "' is not a block type", "did you mean 'clause'?");
          }
        }

        @Override
        public void visit(Text text) {
          String literal = text.getLiteral();
          if (!literal.contains("{{")) {
            return;
          }
          SourcePosition at = position(text);
          Matcher matcher = REFERENCE.matcher(literal);
          int consumed = 0;
          while (matcher.find()) {
            checkStray(literal.substring(consumed, matcher.start()), at, consumed);
            references.add(new Reference(matcher.group(1), matcher.group(2), shift(at, matcher.start())));
            consumed = matcher.end();
          }
          checkStray(literal.substring(consumed), at, consumed);
        }
      });
      return new Body(clauses, references, canonicalText(clauseBlockLines, clauses), clauseParser);
    }

    private void checkStray(String fragment, SourcePosition at, int offset) {
      int open = fragment.indexOf("{{");
      if (open >= 0) {
        diagnostics.error(shift(at, offset + open), "a field reference is not closed or not of the form {{clause-id.field}}",
            "write e.g. {{gbr-mil-2024.amount}}");
      }
    }

    private SourcePosition position(org.commonmark.node.Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        return new SourcePosition(path, parts.bodyFirstLine(), 1);
      }
      SourceSpan span = spans.getFirst();
      return new SourcePosition(path, parts.bodyFirstLine() + span.getLineIndex(), span.getColumnIndex() + 1);
    }

    private static SourcePosition shift(SourcePosition at, int columns) {
      return new SourcePosition(at.path(), at.line(), at.column() + columns);
    }

    private static int firstLine(org.commonmark.node.Node node) {
      return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex();
    }

    private static int lastLine(org.commonmark.node.Node node) {
      return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getLast().getLineIndex();
    }

    /** The text with each clause block reduced to its id: the block's data is hashed in normalised form instead. */
    private String canonicalText(List<int[]> blocks, List<Clause> clauses) {
      String[] lines = parts.body().split("\n", -1);
      Map<Integer, String> idAtLine = new LinkedHashMap<>();
      clauses.forEach(c -> idAtLine.put(c.position().line(), c.id().value()));
      StringBuilder out = new StringBuilder();
      int blockIndex = 0;
      for (int i = 0; i < lines.length; i++) {
        int fileLine = parts.bodyFirstLine() + i;
        if (blockIndex < blocks.size() && fileLine == blocks.get(blockIndex)[0]) {
          out.append("[clause ").append(idAtLine.getOrDefault(fileLine, "?")).append("]\n");
          i += blocks.get(blockIndex)[1] - blocks.get(blockIndex)[0];
          blockIndex++;
          continue;
        }
        out.append(lines[i]).append('\n');
      }
      return CanonicalForm.normaliseText(out.toString());
    }

    /** The front matter's own fields quoted by the text; checked once the front matter is known to be sound. */
    private void checkAgreementReferences(Agreement agreement, List<Reference> references) {
      for (Reference reference : references) {
        if (!reference.clause().equals("agreement")) {
          continue;
        }
        if (!ClauseFields.AGREEMENT_NAMES.contains(reference.field())) {
          diagnostics.error(reference.position(), "unknown agreement field '" + reference.field() + "'",
              "agreement fields are " + String.join(", ", ClauseFields.AGREEMENT_NAMES));
        } else if (ClauseFields.agreementValue(agreement, reference.field()).isEmpty()) {
          diagnostics.error(reference.position(), "the text quotes agreement." + reference.field() + ", which the front matter does not give",
              "add it to the front matter or remove the reference");
        }
      }
    }

    /** References to clauses and remedies; checked even when the front matter has errors, so one run reports all. */
    /** A part ("of which") must name a whole commitment of the same obligor and beneficiary, and parts in its currency must fit in it. */
    private void checkParts(List<Clause> clauses, Map<String, Clause> byId, ClauseParser clauseParser) {
      Map<String, java.math.BigDecimal> sums = new HashMap<>();
      for (Clause clause : clauses) {
        if (!(clause.norm() instanceof Norm.Commitment part) || part.partOf().isEmpty()) {
          continue;
        }
        String wholeId = part.partOf().get().value();
        SourcePosition at = clauseParser.partOfPositions.getOrDefault(clause.id().value(), clause.position());
        Clause target = byId.get(wholeId);
        if (target == null) {
          if (!clauseParser.failed(wholeId)) {
            diagnostics.error(at, "clause '" + clause.id() + "' is part of an unknown commitment '" + wholeId + "'",
                "'part-of' names a commitment in the same file");
          }
        } else if (!(target.norm() instanceof Norm.Commitment whole)) {
          diagnostics.error(at, "clause '" + clause.id() + "' is part of '" + wholeId + "', which is " + Keywords.article(target.norm().kind()),
              "'part-of' names the commitment this one is counted within");
        } else if (target == clause || whole.partOf().isPresent()) {
          diagnostics.error(at, target == clause ? "clause '" + clause.id() + "' is part of itself"
                  : "'" + wholeId + "' is itself part of '" + whole.partOf().get() + "'; parts are one level deep",
              "name the whole commitment");
        } else if (!whole.obligor().equals(part.obligor()) || !whole.beneficiary().equals(part.beneficiary())) {
          diagnostics.error(at, "clause '" + clause.id() + "' is part of '" + wholeId + "', which another obligor or beneficiary gives",
              "a part has the same obligor and beneficiary as its whole");
        } else if (part.amount().isPresent() && whole.amount().isPresent()
            && part.amount().get().currency().equals(whole.amount().get().currency())) {
          java.math.BigDecimal sum = sums.merge(wholeId, part.amount().get().value(), java.math.BigDecimal::add);
          java.math.BigDecimal ceiling = whole.bound() == AmountBound.RANGE ? whole.maximum().orElseThrow().value() : whole.amount().get().value();
          if (sum.compareTo(ceiling) > 0) {
            diagnostics.error(at, "the parts of '" + wholeId + "' come to " + new Money(sum, whole.amount().get().currency()).display()
                + ", more than the whole", "check the figures: a part is counted within its whole");
          }
        }
      }
    }

    private void checkClauseReferences(List<Clause> clauses, List<Reference> references, ClauseParser clauseParser) {
      Map<String, Clause> byId = new HashMap<>();
      clauses.forEach(c -> byId.put(c.id().value(), c));
      for (Reference reference : references) {
        if (reference.clause().equals("agreement")) {
          continue;
        }
        Clause clause = byId.get(reference.clause());
        if (clause == null) {
          if (clauseParser.failed(reference.clause())) {
            continue; // the clause itself has errors, already reported
          }
          diagnostics.error(reference.position(), "the text refers to an unknown clause '" + reference.clause() + "'",
              byId.isEmpty() ? "this file has no clauses" : "clauses here are " + String.join(", ", new TreeSet<>(byId.keySet())));
        } else if (!ClauseFields.NAMES.contains(reference.field())) {
          diagnostics.error(reference.position(), "unknown field '" + reference.field() + "' in a reference to clause '" + reference.clause() + "'",
              "fields are " + String.join(", ", ClauseFields.NAMES));
        } else if (ClauseFields.value(clause, reference.field()).isEmpty()) {
          diagnostics.error(reference.position(), "clause '" + reference.clause() + "' has no " + reference.field(),
              Keywords.article(clause.norm().kind()) + " clause without that field cannot be quoted for it");
        }
      }
      checkParts(clauses, byId, clauseParser);
      for (Clause clause : clauses) {
        if (clause.norm() instanceof Norm.Obligation obligation && obligation.remedy().isPresent()) {
          ClauseId remedy = obligation.remedy().get();
          Clause target = byId.get(remedy.value());
          SourcePosition at = clauseParser.remedyPosition(clause.id()).orElse(new SourcePosition(path, clause.position().line() + 1, 1));
          if (target == null) {
            diagnostics.error(at, "clause '" + clause.id() + "' names an unknown remedy clause '" + remedy + "'", "the remedy must be a clause in the same file");
          } else if (target == clause) {
            diagnostics.error(at, "clause '" + clause.id() + "' names itself as its remedy", "name another obligation");
          } else if (!(target.norm() instanceof Norm.Obligation)) {
            diagnostics.error(at, "the remedy of clause '" + clause.id() + "' must be an obligation, but '" + remedy + "' is a "
                + Keywords.of(target.norm().kind()), null);
          }
        }
      }
    }
  }
}
