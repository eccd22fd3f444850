package dev.compact.agreements;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warns when a norm binds its own beneficiary: "the Parties shall consult within 24 hours of a
 * request", written with {@code obligor: parties} and {@code beneficiary: UKR}, makes Ukraine owe
 * Ukraine a meeting, so that Ukraine is shown in breach of its own request. It is a warning, not an
 * error, because a duty of all sides can be meant; {@code compact check --strict} fails on it.
 */
final class SelfBenefitCheck {
  private SelfBenefitCheck() {}

  static void check(Agreement document, List<Guarantor> guarantors, Diagnostics diagnostics) {
    for (Clause clause : document.clauses()) {
      PartyCode beneficiary = switch (clause.norm()) {
        case Norm.Commitment c -> c.beneficiary();
        case Norm.Obligation o -> o.beneficiary();
        case Norm.Power p -> null;
        case Norm.Prohibition p -> null;
      };
      if (beneficiary == null) {
        continue;
      }
      for (PartyRef ref : clause.norm().obligor()) {
        // A commitment of one state to itself is already an error (section 13.6); only what it is hidden in is new here.
        if (ref instanceof PartyRef.Single && clause.norm() instanceof Norm.Commitment) {
          continue;
        }
        if (resolve(ref, document, guarantors).contains(beneficiary)) {
          String through = ref instanceof PartyRef.Group ? " (as one of '" + ref + "')" : "";
          diagnostics.warning(clause.position(), "clause '" + clause.id() + "' binds " + beneficiary + ", its own beneficiary" + through
              + ": " + beneficiary + " would owe the duty to itself, and could be shown in breach of its own request",
              "name the obligors without " + beneficiary + " (e.g. 'obligor: " + other(document, beneficiary)
                  + "'); for a duty each side owes the other, write a second clause with obligor and beneficiary swapped (section 12)");
          break;
        }
      }
    }
  }

  private static Set<PartyCode> resolve(PartyRef ref, Agreement document, List<Guarantor> guarantors) {
    Set<PartyCode> parties = new LinkedHashSet<>();
    switch (ref) {
      case PartyRef.Single(PartyCode party) -> parties.add(party);
      case PartyRef.Group(PartyRef.GroupName name) -> {
        switch (name) {
          case PARTIES -> parties.addAll(document.parties());
          case GUARANTORS -> guarantors.forEach(g -> parties.add(g.party()));
          case CORE -> guarantors.stream().filter(g -> g.tier() == Tier.CORE).forEach(g -> parties.add(g.party()));
          case BROADER -> guarantors.stream().filter(g -> g.tier() == Tier.BROADER).forEach(g -> parties.add(g.party()));
        }
      }
    }
    return parties;
  }

  private static String other(Agreement document, PartyCode beneficiary) {
    List<String> others = new ArrayList<>();
    document.parties().stream().filter(p -> !p.equals(beneficiary)).forEach(p -> others.add(p.value()));
    return others.isEmpty() ? "..." : others.size() == 1 ? others.getFirst() : "[" + String.join(", ", others) + "]";
  }
}
