package dev.compact.agreements;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The checks that need a whole document: the text's quotes of clause and agreement fields, remedies,
 * parts of commitments, and the clauses a term says survive it.
 */
final class ReferenceChecks {

  private final String path;
  private final Diagnostics diagnostics;

  ReferenceChecks(String path, Diagnostics diagnostics) {
    this.path = path;
    this.diagnostics = diagnostics;
  }

  /** Clauses named by {@code term.survives} must exist (or have been reported already as failed). */
  void checkSurvivors(Map<String, SourcePosition> survivesPositions, List<Clause> clauses, ClauseParser clauseParser) {
    for (Map.Entry<String, SourcePosition> survivor : survivesPositions.entrySet()) {
      if (clauses.stream().noneMatch(c -> c.id().value().equals(survivor.getKey())) && !clauseParser.failed(survivor.getKey())) {
        diagnostics.error(survivor.getValue(), "'term.survives' names an unknown clause '" + survivor.getKey() + "'",
            clauses.isEmpty() ? "this file has no clauses"
                : "clauses here are " + String.join(", ", clauses.stream().map(c -> c.id().value()).toList()));
      }
    }
  }

  /** The front matter's own fields quoted by the text; checked once the front matter is known to be sound. */
  void checkAgreementReferences(Agreement agreement, List<BodyReader.Reference> references) {
    for (BodyReader.Reference reference : references) {
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

  /** A part ("of which") must name a whole commitment of the same obligor and beneficiary, and parts in its currency must fit in it. */
  private void checkParts(List<Clause> clauses, Map<String, Clause> byId, ClauseParser clauseParser) {
    Map<String, BigDecimal> sums = new HashMap<>();
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
        BigDecimal sum = sums.merge(wholeId, part.amount().get().value(), BigDecimal::add);
        BigDecimal ceiling = whole.bound() == AmountBound.RANGE ? whole.maximum().orElseThrow().value() : whole.amount().get().value();
        if (sum.compareTo(ceiling) > 0) {
          diagnostics.error(at, "the parts of '" + wholeId + "' come to " + new Money(sum, whole.amount().get().currency()).display()
              + ", more than the whole", "check the figures: a part is counted within its whole");
        }
      }
    }
  }

  /** References to clauses and remedies; checked even when the front matter has errors, so one run reports all. */
  void checkClauseReferences(List<Clause> clauses, List<BodyReader.Reference> references, ClauseParser clauseParser) {
    Map<String, Clause> byId = new HashMap<>();
    clauses.forEach(c -> byId.put(c.id().value(), c));
    for (BodyReader.Reference reference : references) {
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
      } else if (!ClauseFields.has(clause, reference.field())) {
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
        } else if (obligation.deadline().filter(d -> !d.firmness().breaches()).isPresent()) {
          // A remedy arises on breach; a deadline read as a best effort is never breached, so the remedy is dead text.
          diagnostics.warning(at, "clause '" + clause.id() + "' has a remedy, but its deadline is firmness: "
              + Keywords.of(obligation.deadline().get().firmness()) + ", which is never breached: the remedy '" + remedy
              + "' can never arise", "make the deadline firm (leave 'firmness' out), or remove the remedy");
        }
      }
    }
  }
}
