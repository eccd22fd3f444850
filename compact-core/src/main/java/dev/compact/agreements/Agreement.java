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

  /**
   * The agreement as the public may see it: without the clauses that are not public. Its text
   * still reads, with the data of withheld clauses left out; its version hash stays that of the
   * whole version, which is what parties sign.
   */
  public Agreement publicView() {
    return view(Classification.PUBLIC);
  }

  /** The agreement as a reader cleared up to {@code upTo} may see it: without the clauses above that. */
  public Agreement view(Classification upTo) {
    if (clauses.stream().allMatch(c -> c.classification().compareTo(upTo) <= 0)) {
      return this;
    }
    return new Agreement(id, title, parties, beneficiary, binding, lifecycle, term, territory,
        clauses.stream().filter(c -> c.classification().compareTo(upTo) <= 0).toList(), body, bodyFirstLine, path, versionHash);
  }

  public Optional<Clause> clause(ClauseId id) {
    return clauses.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
