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
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(sources.readProblems());
    if (sources.compact().isEmpty()) {
      if (sources.readProblems().isEmpty()) {
        diagnostics.error(new SourcePosition(sources.root() + "/compact.md", 1, 1), "the compact folder has no compact.md",
            "create compact.md with the compact's id, title, protected party and guarantors");
      }
      sources.agreements().forEach(file -> AgreementParser.agreement(file, diagnostics, CalendarRule.REFUSE));
      return new Parsed<>(Optional.empty(), diagnostics.sorted());
    }
    Optional<AgreementParser.Umbrella> umbrella = AgreementParser.umbrella(sources.compact().get(), diagnostics);
    List<Agreement> agreements = new ArrayList<>();
    Map<String, String> idFiles = new HashMap<>();
    umbrella.ifPresent(u -> idFiles.put(u.id(), u.document().path()));
    CalendarRule calendar = umbrella.map(u -> u.document().term().calendar())
        .orElseGet(() -> AgreementParser.declaredCalendar(sources.compact().get()));
    java.util.Set<String> areaIds = umbrella.map(u -> u.areas().stream().map(Area::id).collect(java.util.stream.Collectors.toSet()))
        .orElse(java.util.Set.of());
    for (SourceFile file : sources.agreements()) {
      (umbrella.isPresent() ? AgreementParser.agreement(file, diagnostics, calendar, areaIds, umbrella.get().money())
          : AgreementParser.agreement(file, diagnostics, calendar))
          .ifPresent(agreement -> {
        String first = idFiles.putIfAbsent(agreement.id().value(), file.path());
        if (first != null) {
          diagnostics.error(new SourcePosition(file.path(), 2, 1), "agreement id '" + agreement.id() + "' is already used by " + first,
              "give each agreement its own id");
          return;
        }
        umbrella.ifPresent(u -> checkAgainstCompact(agreement, u, diagnostics));
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
