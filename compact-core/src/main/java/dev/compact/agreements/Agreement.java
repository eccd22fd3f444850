package dev.compact.agreements;

import java.util.List;
import java.util.Optional;

/**
 * One version of an agreement: its front matter, its clauses and its Markdown text. The umbrella
 * document of a compact is an agreement too, between the protected party and every guarantor.
 */
public record Agreement(
    AgreementId id,
    String title,
    List<PartyCode> parties,
    PartyCode beneficiary,
    Binding binding,
    Lifecycle lifecycle,
    Term term,
    Optional<Territory> territory,
    List<Clause> clauses,
    String body,
    int bodyFirstLine,
    String path,
    VersionHash versionHash) {

  public Agreement {
    parties = List.copyOf(parties);
    clauses = List.copyOf(clauses);
  }

  public Optional<Clause> clause(ClauseId id) {
    return clauses.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
