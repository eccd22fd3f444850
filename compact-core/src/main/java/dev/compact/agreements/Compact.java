package dev.compact.agreements;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compact: the umbrella document (with its own clauses) and the agreements grouped under it.
 * Resolves the party groups that clauses name.
 */
public record Compact(
    String id,
    String title,
    PartyCode protectedParty,
    List<Guarantor> guarantors,
    ResponseDefaults defaults,
    Agreement umbrella,
    List<Agreement> agreements,
    Optional<PartyCode> aggressor,
    List<Area> areas,
    MoneyData money) {

  public Compact {
    guarantors = List.copyOf(guarantors);
    agreements = List.copyOf(agreements);
    areas = List.copyOf(areas);
  }

  /** A compact that names no areas. */
  public Compact(String id, String title, PartyCode protectedParty, List<Guarantor> guarantors, ResponseDefaults defaults,
      Agreement umbrella, List<Agreement> agreements, Optional<PartyCode> aggressor) {
    this(id, title, protectedParty, guarantors, defaults, umbrella, agreements, aggressor, List.of(), MoneyData.none());
  }

  /** The named areas by id, for territories that use them. */
  public java.util.Map<String, Area> areaMap() {
    java.util.Map<String, Area> map = new java.util.HashMap<>();
    areas.forEach(a -> map.put(a.id(), a));
    return map;
  }

  /** A compact that declares no aggressor. */
  public Compact(String id, String title, PartyCode protectedParty, List<Guarantor> guarantors, ResponseDefaults defaults,
      Agreement umbrella, List<Agreement> agreements) {
    this(id, title, protectedParty, guarantors, defaults, umbrella, agreements, Optional.empty());
  }

  /** The compact as the public may see it: every agreement without its non-public clauses. */
  public Compact publicView() {
    return view(Classification.PUBLIC);
  }

  /** The compact as a reader cleared up to {@code upTo} may see it. */
  public Compact view(Classification upTo) {
    return new Compact(id, title, protectedParty, guarantors, defaults, umbrella.view(upTo),
        agreements.stream().map(a -> a.view(upTo)).toList(), aggressor, areas, money);
  }

  /** The umbrella first, then the agreements in file order. */
  public List<Agreement> allAgreements() {
    List<Agreement> all = new ArrayList<>();
    all.add(umbrella);
    all.addAll(agreements);
    return all;
  }

  public Optional<Agreement> agreement(AgreementId id) {
    return allAgreements().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<Tier> tierOf(PartyCode party) {
    return guarantors.stream().filter(g -> g.party().equals(party)).map(Guarantor::tier).findFirst();
  }

  /** The concrete parties a clause of {@code agreement} names, in a stable order without repeats. */
  public List<PartyCode> resolve(List<PartyRef> refs, Agreement agreement) {
    Set<PartyCode> parties = new LinkedHashSet<>();
    for (PartyRef ref : refs) {
      switch (ref) {
        case PartyRef.Single(PartyCode party) -> parties.add(party);
        case PartyRef.Group(PartyRef.GroupName name) -> {
          switch (name) {
            case GUARANTORS -> guarantors.forEach(g -> parties.add(g.party()));
            case CORE -> guarantors.stream().filter(g -> g.tier() == Tier.CORE).forEach(g -> parties.add(g.party()));
            case BROADER -> guarantors.stream().filter(g -> g.tier() == Tier.BROADER).forEach(g -> parties.add(g.party()));
            case PARTIES -> parties.addAll(agreement.parties());
          }
        }
      }
    }
    return List.copyOf(parties);
  }
}
