package dev.compact.agreements;

/**
 * Who a norm binds or empowers: one party, or a group that the compact defines. Groups are resolved
 * against the compact's guarantors when norm instances are created, so that one clause can bind
 * every core guarantor without being repeated.
 */
public sealed interface PartyRef {

  /** One named party. */
  record Single(PartyCode party) implements PartyRef {
    @Override
    public String toString() {
      return party.value();
    }
  }

  /** A group of parties named by the compact. */
  record Group(GroupName name) implements PartyRef {
    @Override
    public String toString() {
      return Keywords.of(name);
    }
  }

  /** The groups a clause may name instead of a party. */
  enum GroupName {
    /** Every guarantor of the compact, core and broader. */
    GUARANTORS,
    /** The core guarantors (military commitments). */
    CORE,
    /** The broader guarantors (non-military, sanctions-based commitments). */
    BROADER,
    /** Every party to the agreement that holds the clause. */
    PARTIES
  }
}
