package dev.compact.agreements;

import java.util.List;
import java.util.Optional;

/**
 * What a clause makes binding. Four kinds, after the deontic tradition the legal-informatics
 * standards share: commitments are standing, obligations are triggered, powers may be exercised,
 * prohibitions forbid until a condition holds.
 */
public sealed interface Norm {

  /** Who must act (or, for a power, who may). */
  List<PartyRef> obligor();

  Domain domain();

  NormKind kind();

  /** A standing promise of support, fulfilled by allocations and deliveries counted against it. */
  record Commitment(
      List<PartyRef> obligor,
      PartyCode beneficiary,
      Domain domain,
      Optional<Money> amount,
      List<ItemLine> items,
      Optional<DateRange> period,
      Optional<Schedule> schedule,
      String description,
      AmountBound bound,
      Optional<Money> maximum,
      List<DeliveryScope> scope,
      List<Precondition> subjectTo,
      Optional<GdpShare> gdpShare,
      Optional<ClauseId> partOf,
      List<AmountBound> itemBounds,
      CommitmentFirmness firmness)
      implements Norm {
    public Commitment {
      java.util.Objects.requireNonNull(firmness, "firmness");
      obligor = List.copyOf(obligor);
      items = List.copyOf(items);
      // One bound per item line, by position: two lines of one item ("at least 1,000", "up to 4,000") bound the same total each in its own way.
      itemBounds = itemBounds.isEmpty() ? java.util.Collections.nCopies(items.size(), AmountBound.AT_LEAST) : List.copyOf(itemBounds);
      if (itemBounds.size() != items.size()) {
        throw new IllegalArgumentException(itemBounds.size() + " item bounds for " + items.size() + " item lines");
      }
      scope = List.copyOf(scope);
      subjectTo = List.copyOf(subjectTo);
    }

    /** A firm commitment ("will provide"): a period that ends short of a floor is a breach. */
    public Commitment(List<PartyRef> obligor, PartyCode beneficiary, Domain domain, Optional<Money> amount, List<ItemLine> items,
        Optional<DateRange> period, Optional<Schedule> schedule, String description, AmountBound bound, Optional<Money> maximum,
        List<DeliveryScope> scope, List<Precondition> subjectTo, Optional<GdpShare> gdpShare, Optional<ClauseId> partOf,
        List<AmountBound> itemBounds) {
      this(obligor, beneficiary, domain, amount, items, period, schedule, description, bound, maximum, scope, subjectTo, gdpShare, partOf,
          itemBounds, CommitmentFirmness.HARD);
    }

    /** A commitment that is not a share of GDP nor part of another. */
    public Commitment(List<PartyRef> obligor, PartyCode beneficiary, Domain domain, Optional<Money> amount, List<ItemLine> items,
        Optional<DateRange> period, Optional<Schedule> schedule, String description, AmountBound bound, Optional<Money> maximum,
        List<DeliveryScope> scope, List<Precondition> subjectTo) {
      this(obligor, beneficiary, domain, amount, items, period, schedule, description, bound, maximum, scope, subjectTo, Optional.empty(),
          Optional.empty(), List.of());
    }

    /** How the item line at {@code index} binds: at least (the default), exactly, or up to (a ceiling). */
    public AmountBound itemBound(int index) {
      return itemBounds.get(index);
    }

    /** The item line at {@code index} as the text reads it: "up to 4,000 soldiers trained". */
    public String itemDisplay(int index) {
      return itemBoundWords(index) + items.get(index).display();
    }

    /** "up to " or "exactly " before the quantity of the item line at {@code index}; nothing for the default, at least. */
    public String itemBoundWords(int index) {
      AmountBound bound = itemBound(index);
      return bound == AmountBound.AT_LEAST ? "" : bound.phrase() + " ";
    }

    /** A v1 commitment: the amount is a floor, any support counts. */
    public Commitment(List<PartyRef> obligor, PartyCode beneficiary, Domain domain, Optional<Money> amount, List<ItemLine> items,
        Optional<DateRange> period, Optional<Schedule> schedule, String description) {
      this(obligor, beneficiary, domain, amount, items, period, schedule, description, AmountBound.AT_LEAST, Optional.empty(), List.of(),
          List.of());
    }

    @Override
    public NormKind kind() {
      return NormKind.COMMITMENT;
    }
  }

  /**
   * A duty that arises when its trigger holds and must be met within its deadline. A breach
   * activates the remedy clause, if one is named.
   */
  record Obligation(
      List<PartyRef> obligor,
      PartyCode beneficiary,
      Domain domain,
      Condition trigger,
      String action,
      Optional<Deadline> deadline,
      Fulfilment fulfilledBy,
      Optional<Decision> decision,
      Optional<ClauseId> remedy,
      Optional<DecisionRule> decisionRule,
      Optional<MeetingLevel> meetingLevel)
      implements Norm {
    public Obligation {
      obligor = List.copyOf(obligor);
    }

    public Obligation(List<PartyRef> obligor, PartyCode beneficiary, Domain domain, Condition trigger, String action,
        Optional<Deadline> deadline, Fulfilment fulfilledBy, Optional<Decision> decision, Optional<ClauseId> remedy) {
      this(obligor, beneficiary, domain, trigger, action, deadline, fulfilledBy, decision, remedy, decision.map(DecisionRule::of),
          Optional.empty());
    }

    @Override
    public NormKind kind() {
      return NormKind.OBLIGATION;
    }
  }

  /** Something a party may do: request consultations, terminate with notice, invoke snapback. */
  record Power(
      List<PartyRef> obligor, Domain domain, PowerAction action, Optional<Condition> condition, Optional<IsoDuration> notice)
      implements Norm {
    public Power {
      obligor = List.copyOf(obligor);
    }

    @Override
    public NormKind kind() {
      return NormKind.POWER;
    }
  }

  /**
   * Something that must not happen until a condition holds. It may bind any party, the protected
   * state included (Istanbul's permanent neutrality); {@code cap} is the figure an
   * {@code exceed-force-cap} prohibition allows.
   */
  record Prohibition(List<PartyRef> obligor, Domain domain, ProhibitedAction action, Condition until, String description,
      Optional<Cap> cap)
      implements Norm {
    public Prohibition {
      obligor = List.copyOf(obligor);
    }

    public Prohibition(List<PartyRef> obligor, Domain domain, ProhibitedAction action, Condition until, String description) {
      this(obligor, domain, action, until, description, Optional.empty());
    }

    @Override
    public NormKind kind() {
      return NormKind.PROHIBITION;
    }
  }

  /** A quantitative cap: at most {@code quantity} {@code unit} (85,000 troops). */
  record Cap(long quantity, String unit) {
    public String display() {
      return String.format(java.util.Locale.ROOT, "%,d", quantity) + " " + unit;
    }
  }

  /** The four kinds, as written in a clause's {@code norm:} field. */
  enum NormKind {
    COMMITMENT,
    OBLIGATION,
    POWER,
    PROHIBITION
  }

  /**
   * An amount pledged as a share of the obligor's GDP in a year ("0.25% of GDP"): {@code percent}
   * of the figure the compact's GDP table gives, which becomes the commitment's amount.
   */
  record GdpShare(java.math.BigDecimal percent, int year, MoneyData.Gdp gdp) {
    public String display() {
      return percent.stripTrailingZeros().toPlainString() + "% of " + gdp.party().displayName() + "'s GDP in " + year + " ("
          + gdp.value().display() + ", " + gdp.source() + ")";
    }
  }
}
