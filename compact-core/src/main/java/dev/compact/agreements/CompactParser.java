package dev.compact.agreements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a whole compact: the umbrella document and every agreement, with checks across files. */
public final class CompactParser {
  private CompactParser() {}

  public static Parsed<Compact> parse(CompactSources sources) {
    return parse(sources, true);
  }

  /**
   * Reads a compact; every file's syntax is read first (all the Markdown, then all the YAML), then (with {@code together}) all their
   * conditions are compiled, then every file's meaning. Without {@code together} each condition is
   * compiled as its clause is read: the results are the same, which the tests compare. Each stage
   * runs one library's code (the YAML and Markdown readers, CEL, our readers) over every file in turn,
   * which keeps that code hot in the processor's caches.
   */
  static Parsed<Compact> parse(CompactSources sources, boolean together) {
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(sources.readProblems());
    List<SourceFile> files = new ArrayList<>(sources.agreements().size() + 1);
    sources.compact().ifPresent(files::add);
    files.addAll(sources.agreements());
    List<Optional<DocumentSyntax>> read = DocumentSyntax.readAll(files, diagnostics);
    Optional<DocumentSyntax> compactSyntax = sources.compact().isPresent() ? read.getFirst() : Optional.empty();
    List<Optional<DocumentSyntax>> agreementSyntax = read.subList(sources.compact().isPresent() ? 1 : 0, read.size());
    Map<String, ConditionCompiler.Result> checked = Map.of();
    if (together) {
      List<String> conditions = new ArrayList<>();
      compactSyntax.ifPresent(s -> conditions.addAll(s.conditions()));
      agreementSyntax.forEach(s -> s.ifPresent(syntax -> conditions.addAll(syntax.conditions())));
      checked = ConditionCompiler.compileAll(conditions);
    }
    if (sources.compact().isEmpty()) {
      if (sources.readProblems().isEmpty()) {
        diagnostics.error(new SourcePosition(sources.root() + "/compact.md", 1, 1), "the compact folder has no compact.md",
            "create compact.md with the compact's id, title, protected party and guarantors");
      }
      for (Optional<DocumentSyntax> syntax : agreementSyntax) {
        if (syntax.isPresent()) {
          AgreementParser.agreement(syntax.get(), diagnostics, CalendarRule.REFUSE, Optional.empty(), Optional.empty(), checked);
        }
      }
      return new Parsed<>(Optional.empty(), diagnostics.sorted());
    }
    Map<String, ConditionCompiler.Result> conditions = checked;
    Optional<AgreementParser.Umbrella> umbrella = compactSyntax.flatMap(syntax -> AgreementParser.umbrella(syntax, diagnostics, conditions));
    List<Agreement> agreements = new ArrayList<>();
    Map<String, String> idFiles = new HashMap<>();
    umbrella.ifPresent(u -> idFiles.put(u.id(), u.document().path()));
    umbrella.ifPresent(u -> SelfBenefitCheck.check(u.document(), u.guarantors(), diagnostics));
    CalendarRule calendar = umbrella.map(u -> u.document().term().calendar())
        .orElseGet(() -> AgreementParser.declaredCalendar(sources.compact().get()));
    Optional<java.util.Set<String>> areaIds = umbrella.map(u -> u.areas().stream().map(Area::id).collect(java.util.stream.Collectors.toSet()));
    Optional<MoneyData> money = umbrella.map(AgreementParser.Umbrella::money);
    for (Optional<DocumentSyntax> syntax : agreementSyntax) {
      if (syntax.isEmpty()) {
        continue;
      }
      String path = syntax.get().path();
      AgreementParser.agreement(syntax.get(), diagnostics, calendar, areaIds, money, checked).ifPresent(agreement -> {
        String first = idFiles.putIfAbsent(agreement.id().value(), path);
        if (first != null) {
          diagnostics.error(new SourcePosition(path, 2, 1), "agreement id '" + agreement.id() + "' is already used by " + first,
              "give each agreement its own id");
          return;
        }
        umbrella.ifPresent(u -> {
          checkAgainstCompact(agreement, u, diagnostics);
          SelfBenefitCheck.check(agreement, u.guarantors(), diagnostics);
        });
        agreements.add(agreement);
      });
    }
    if (umbrella.isEmpty() || diagnostics.errorCount() > 0) {
      return new Parsed<>(Optional.empty(), diagnostics.sorted());
    }
    AgreementParser.Umbrella u = umbrella.get();
    Compact compact = new Compact(u.id(), u.title(), u.protectedParty(), u.guarantors(), u.defaults(), u.document(), agreements, u.aggressor(),
        u.areas(), u.money());
    return new Parsed<>(Optional.of(compact), diagnostics.sorted());
  }

  /** An agreement under a compact protects the compact's protected party, with its guarantors. */
  private static void checkAgainstCompact(Agreement agreement, AgreementParser.Umbrella umbrella, Diagnostics diagnostics) {
    SourcePosition header = new SourcePosition(agreement.path(), 2, 1);
    if (!agreement.parties().contains(umbrella.protectedParty())) {
      diagnostics.warning(header, "agreement '" + agreement.id() + "' does not include the protected party " + umbrella.protectedParty(),
          "an agreement under this compact should have " + umbrella.protectedParty() + " among its parties");
    }
    for (PartyCode party : agreement.parties()) {
      if (!party.equals(umbrella.protectedParty()) && umbrella.guarantors().stream().noneMatch(g -> g.party().equals(party))) {
        diagnostics.warning(header, party + " is a party to '" + agreement.id() + "' but not a guarantor of the compact",
            "add it to the guarantors in compact.md, with its tier");
      }
    }
  }
}
